package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Direction;
import dev.vigil.alert.FileHashes;
import dev.vigil.alert.FileInfo;
import dev.vigil.alert.Host;
import dev.vigil.alert.NetworkConnection;
import dev.vigil.alert.ProcessInfo;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.UserAccount;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.ParseOutcome;
import dev.vigil.ingest.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DefenderParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T00:00:00Z");

    private final Parsers parsers = new Parsers(IngestLimits.defaults());

    private ParseOutcome parse(byte[] input, String tenant) {
        return parsers.parse(input, SourceFormat.DEFENDER, new ParseContext(RECEIVED, tenant));
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = DefenderParserTest.class.getResourceAsStream("/samples/defender/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void mapsAlertFieldsFromAListResponse() throws IOException {
        ParseOutcome outcome = parse(sample("alerts_list_expand_evidence.json"), "fallback");

        Alert alert = outcome.alerts().get(0);
        assertThat(alert.kind()).isEqualTo(AlertKind.ALERT);
        assertThat(alert.source()).isEqualTo(SourceFormat.DEFENDER);
        assertThat(alert.nativeId()).isEqualTo("da638000000000000001_1111111111");
        assertThat(alert.title()).isEqualTo("Suspicious access to LSASS service");
        assertThat(alert.description()).isEqualTo("A process accessed the memory of lsass.exe.");
        assertThat(alert.nativeSeverity()).isEqualTo("High");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.category()).isEqualTo("CredentialAccess");
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:14:55.1Z"));
        assertThat(alert.receivedAt()).isEqualTo(RECEIVED);
        assertThat(alert.tenant()).isEqualTo("0f6c3a2e-1111-4c4c-9a9a-123456789abc");
        assertThat(alert.id().value().version()).isEqualTo(7);
    }

    @Test
    void mapsEvidenceToHostUserProcessFileAndNetworkEntities() throws IOException {
        Alert alert =
                parse(sample("alerts_list_expand_evidence.json"), null).alerts().get(0);

        assertThat(alert.entities().hosts())
                .containsExactly(new Host("ws-017.corp.example", null, "4b1c2f3e5d6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c"));
        assertThat(alert.entities().users())
                .containsExactly(
                        new UserAccount("alice", "CORP", null, false),
                        new UserAccount("alice", "CORP", "S-1-5-21-1004336348-1177238915-682003330-1105", false));
        assertThat(alert.entities().processes())
                .containsExactly(new ProcessInfo(
                        "C:\\Users\\alice\\Downloads\\procdump64.exe",
                        "procdump64.exe -ma lsass.exe out.dmp",
                        "C:\\Windows\\System32\\cmd.exe",
                        7312L,
                        new FileHashes(
                                "aa11bb22cc33dd44ee55ff66aa77bb88cc99dd00",
                                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                null)));
        assertThat(alert.entities().files())
                .containsExactly(new FileInfo(
                        "C:\\Users\\alice\\Downloads\\out.dmp",
                        new FileHashes("ffeeddccbbaa99887766554433221100ffeeddcc", null, null)));
        assertThat(alert.entities().network())
                .containsExactly(new NetworkConnection(null, null, "203.0.113.9", null, null, Direction.UNKNOWN));
        assertThat(alert.entities().urls()).containsExactly("https://files.evil.example/p.ps1");
        assertThat(alert.entities().domains()).containsExactly("files.evil.example");
    }

    @Test
    void reportsRecordWithoutTitleAndKeepsTheRest() throws IOException {
        ParseOutcome outcome = parse(sample("alerts_list_expand_evidence.json"), null);

        assertThat(outcome.alerts())
                .extracting(Alert::nativeId)
                .containsExactly("da638000000000000001_1111111111", "da638000000000000003_3333333333");
        assertThat(outcome.rejections())
                .extracting(Rejection::error)
                .containsExactly("missing title: none of title, threatName");
        assertThat(outcome.rejections().get(0).line()).isEqualTo(55);
        assertThat(outcome.alerts().get(1).severity()).isEqualTo(Severity.INFO);
        assertThat(outcome.alerts().get(1).entities().hosts())
                .containsExactly(new Host("ws-019.corp.example", null, "6d3e4f50"));
    }

    @Test
    void keepsEachListElementVerbatimAsRaw() throws IOException {
        byte[] input = sample("alerts_list_expand_evidence.json");
        String text = new String(input, StandardCharsets.UTF_8);
        Alert last = parse(input, null).alerts().get(1);

        assertThat(last.raw()).startsWith("{\n      \"id\": \"da638000000000000003_3333333333\"");
        assertThat(last.raw()).endsWith("\"computerDnsName\": \"ws-019.corp.example\"\n    }");
        assertThat(text).contains(last.raw());
    }

    @Test
    void readsNdjsonWithoutEvidenceAndFallsBackToTheCallersTenant() throws IOException {
        ParseOutcome outcome = parse(sample("alerts.ndjson"), "tenant-a");

        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.alerts()).extracting(Alert::severity).containsExactly(Severity.LOW, Severity.INFO);
        assertThat(outcome.alerts()).extracting(Alert::nativeSeverity).containsExactly("Low", "UnSpecified");
        assertThat(outcome.alerts()).extracting(Alert::tenant).containsOnly("tenant-a");
        assertThat(outcome.alerts().get(0).occurredAt()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(outcome.alerts().get(1).entities().users())
                .containsExactly(new UserAccount("SYSTEM", "NT AUTHORITY", null, true));
        assertThat(outcome.alerts().get(0).raw())
                .startsWith("{\"id\":\"da638000000000000010_1\"")
                .endsWith("[]}");
    }

    @Test
    void readsASingleObjectAndAnArray() {
        String alert = "{\"id\":\"x1\",\"title\":\"T\",\"severity\":\"Medium\",\"machineId\":\"m1\"}";

        assertThat(parse(alert.getBytes(StandardCharsets.UTF_8), null).alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.raw()).isEqualTo(alert));
        ParseOutcome array = parse(("[" + alert + ", " + alert + "]").getBytes(StandardCharsets.UTF_8), null);
        assertThat(array.alerts())
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void turnsBadInputIntoRejectionsInsteadOfThrowing() {
        ParseOutcome outcome = parse(
                "{\"title\":\"ok\"}\n[1]\n{\"title\": {\"nested\": true}}\n{broken\n\"text\"\n"
                        .getBytes(StandardCharsets.UTF_8),
                null);

        assertThat(outcome.alerts()).extracting(Alert::title).containsExactly("ok");
        assertThat(outcome.rejections()).extracting(Rejection::index).containsExactly(1, 2, 3);
        assertThat(outcome.rejections().get(1).error()).startsWith("missing title");
    }
}
