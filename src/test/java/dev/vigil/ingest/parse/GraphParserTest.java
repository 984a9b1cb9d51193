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

class GraphParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T00:00:00Z");
    private static final String SHA1 = "1111111111111111111111111111111111111111";

    private final Parsers parsers = new Parsers(IngestLimits.defaults());

    private ParseOutcome parse(byte[] input, String tenant) {
        return parsers.parse(input, SourceFormat.GRAPH, new ParseContext(RECEIVED, tenant));
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = GraphParserTest.class.getResourceAsStream("/samples/graph/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void mapsAlertsV2FieldsAndPrefersFirstActivityAsOccurrence() throws IOException {
        ParseOutcome outcome = parse(sample("alerts_v2_list.json"), "fallback");

        assertThat(outcome.rejections()).isEmpty();
        Alert alert = outcome.alerts().get(0);
        assertThat(alert.kind()).isEqualTo(AlertKind.ALERT);
        assertThat(alert.source()).isEqualTo(SourceFormat.GRAPH);
        assertThat(alert.nativeId()).isEqualTo("da638100000000000001_-100");
        assertThat(alert.title()).isEqualTo("Ransomware behavior detected");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.nativeSeverity()).isEqualTo("high");
        assertThat(alert.category()).isEqualTo("Impact");
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-19T06:58:00Z"));
        assertThat(alert.tenant()).isEqualTo("9a8b7c6d-0000-4e4e-8f8f-abcdefabcdef");
    }

    @Test
    void mapsTypedEvidenceToHostUserProcessFileNetworkAndUrlEntities() throws IOException {
        Alert alert = parse(sample("alerts_v2_list.json"), null).alerts().get(0);

        assertThat(alert.entities().hosts())
                .containsExactly(new Host("fin-laptop-3", "10.1.2.3", "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"));
        assertThat(alert.entities().files())
                .containsExactly(new FileInfo(
                        "C:\\ProgramData\\locker.exe",
                        new FileHashes(
                                SHA1, "2222222222222222222222222222222222222222222222222222222222222222", null)));
        assertThat(alert.entities().processes())
                .containsExactly(new ProcessInfo(
                        "C:\\ProgramData\\locker.exe",
                        "locker.exe --all",
                        "C:\\Windows\\explorer.exe",
                        9001L,
                        new FileHashes(SHA1, null, null)));
        assertThat(alert.entities().users())
                .containsExactly(
                        new UserAccount("bob", "CORP", null, false),
                        new UserAccount("SYSTEM", "NT AUTHORITY", "S-1-5-18", true),
                        new UserAccount("bob", "CORP", "S-1-5-21-1-2-3-1107", false));
        assertThat(alert.entities().network())
                .containsExactly(new NetworkConnection("198.51.100.7", null, null, null, null, Direction.UNKNOWN));
        assertThat(alert.entities().urls()).containsExactly("http://pay.ransom.example/key");
        assertThat(alert.entities().domains()).containsExactly("pay.ransom.example");
    }

    @Test
    void readsUnknownFutureValueAsAbsent() throws IOException {
        Alert alert = parse(sample("alerts_v2_list.json"), "tenant-b").alerts().get(1);

        assertThat(alert.nativeSeverity()).isNull();
        assertThat(alert.severity()).isEqualTo(Severity.INFO);
        assertThat(alert.category()).isNull();
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-19T08:00:00Z"));
        assertThat(alert.tenant()).isEqualTo("tenant-b");
    }

    @Test
    void turnsEachEmbeddedIncidentAlertIntoAnAlertAndRejectsAnIncidentWithoutAlerts() throws IOException {
        byte[] input = sample("incidents_expand_alerts.json");
        ParseOutcome outcome = parse(input, "fallback");

        assertThat(outcome.alerts()).extracting(Alert::nativeId).containsExactly("ed1", "ed2");
        assertThat(outcome.alerts()).extracting(Alert::severity).containsExactly(Severity.MEDIUM, Severity.INFO);
        assertThat(outcome.alerts()).extracting(Alert::tenant).containsOnly("11112222-3333-4444-5555-666677778888");
        assertThat(outcome.alerts().get(0).entities().hosts()).containsExactly(new Host("hr-pc-9", null, "abc123"));
        assertThat(outcome.rejections())
                .extracting(Rejection::error)
                .containsExactly("incident 7002 has no embedded alerts (list incidents with $expand=alerts)");
        String text = new String(input, StandardCharsets.UTF_8);
        assertThat(outcome.alerts()).allSatisfy(a -> assertThat(text).contains(a.raw()));
        assertThat(outcome.alerts().get(1).raw())
                .startsWith("{\n          \"@odata.type\"")
                .endsWith("}");
    }

    @Test
    void reportsAlertWithoutTitleAndKeepsTheRest() {
        String input = "{\"id\":\"a\",\"severity\":\"low\"}\n{\"id\":\"b\",\"title\":\"Kept\",\"severity\":\"low\"}";

        ParseOutcome outcome = parse(input.getBytes(StandardCharsets.UTF_8), null);

        assertThat(outcome.alerts()).extracting(Alert::title).containsExactly("Kept");
        assertThat(outcome.alerts().get(0).raw()).isEqualTo("{\"id\":\"b\",\"title\":\"Kept\",\"severity\":\"low\"}");
        assertThat(outcome.rejections())
                .singleElement()
                .isEqualTo(new Rejection(0, 1, "missing title: none of title, threatDisplayName"));
    }
}
