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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SplunkParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-22T00:00:00Z");
    private static final String SHA256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private final Parsers parsers = new Parsers(IngestLimits.defaults());

    private ParseOutcome parse(byte[] input) {
        return parsers.parse(input, SourceFormat.SPLUNK, new ParseContext(RECEIVED, "tenant-s"));
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = SplunkParserTest.class.getResourceAsStream("/samples/splunk/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void mapsWebhookPayloadToAnAlertWithEntitiesFromTheResultRow() throws IOException {
        byte[] input = sample("webhook_alert.json");
        ParseOutcome outcome = parse(input);

        assertThat(outcome.rejections()).isEmpty();
        Alert alert = outcome.alerts().get(0);
        assertThat(alert.kind()).isEqualTo(AlertKind.ALERT);
        assertThat(alert.title()).isEqualTo("MDE - Ransomware detections");
        assertThat(alert.nativeId()).isEqualTo("scheduler__admin__search__RMD5e461c_at_1763700000_132");
        assertThat(alert.nativeSeverity()).isEqualTo("critical");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.occurredAt()).isEqualTo(Instant.ofEpochSecond(1763700000));
        assertThat(alert.tenant()).isEqualTo("tenant-s");
        assertThat(alert.raw()).isEqualTo(new String(input, StandardCharsets.UTF_8).strip());
        assertThat(alert.entities().hosts()).containsExactly(new Host("ws-042", null, null));
        assertThat(alert.entities().network())
                .containsExactly(new NetworkConnection(null, null, "198.51.100.7", 443, null, Direction.UNKNOWN));
        assertThat(alert.entities().processes())
                .containsExactly(
                        new ProcessInfo("locker.exe", "C:\\Temp\\locker.exe --all", null, null, FileHashes.NONE));
        assertThat(alert.entities().files()).containsExactly(new FileInfo(null, new FileHashes(null, SHA256, null)));
    }

    @Test
    void namesWebhookWithoutSearchNameAfterItsSidWithMediumSeverity() {
        String payload = "{\"result\":{\"sourcetype\":\"mongod\",\"count\":\"8\"},\"sid\":\"sched_W2_132\","
                + "\"results_link\":\"http://x/\",\"search_name\":null,\"owner\":\"admin\",\"app\":\"search\"}";

        Alert alert = parse(payload.getBytes(StandardCharsets.UTF_8)).alerts().get(0);

        assertThat(alert.title()).isEqualTo("Splunk alert sched_W2_132");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.nativeSeverity()).isNull();
        assertThat(alert.kind()).isEqualTo(AlertKind.ALERT);
    }

    @Test
    void splitsConcatenatedHecEnvelopesIntoAlertsAndContextEvents() throws IOException {
        ParseOutcome outcome = parse(sample("hec_events.json"));

        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.alerts())
                .extracting(Alert::kind)
                .containsExactly(AlertKind.ALERT, AlertKind.EVENT, AlertKind.EVENT);
        Alert alert = outcome.alerts().get(0);
        assertThat(alert.title()).isEqualTo("Credential dumping");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.nativeId()).isEqualTo("da638000000000000001_1111111111");
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2025-11-21T04:40:00.250Z"));
        assertThat(alert.tenant()).isEqualTo("contoso");
        assertThat(alert.raw()).startsWith("{\"time\": 1763700000.25").endsWith("\"contoso\"}}");
        assertThat(alert.entities().hosts())
                .containsExactly(new Host("dc-01", null, null), new Host("soc-orchestrator", null, null));
        assertThat(alert.entities().users()).containsExactly(new UserAccount("alice", "CORP", null, false));
        assertThat(alert.entities().network())
                .containsExactly(new NetworkConnection("10.0.0.5", null, null, null, null, Direction.UNKNOWN));

        Alert text = outcome.alerts().get(1);
        assertThat(text.title()).isEqualTo("pan:traffic on fw-edge");
        assertThat(text.description()).isEqualTo("allowed tcp 10.0.0.5:51515 -> 198.51.100.7:443");
        assertThat(text.severity()).isEqualTo(Severity.INFO);
        assertThat(text.occurredAt()).isEqualTo(Instant.ofEpochSecond(1763700001));
        assertThat(text.tenant()).isEqualTo("tenant-s");
        assertThat(outcome.alerts().get(2).occurredAt()).isEqualTo(Instant.ofEpochSecond(1763700002));
    }

    @Test
    void readsJsonResultsRowsVerbatimAndTellsAlertsFromEvents() throws IOException {
        byte[] input = sample("results_json.json");
        ParseOutcome outcome = parse(input);

        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.alerts()).extracting(Alert::kind).containsExactly(AlertKind.ALERT, AlertKind.EVENT);
        Alert alert = outcome.alerts().get(0);
        assertThat(alert.title()).isEqualTo("ET SCAN Nmap");
        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(alert.entities().network())
                .containsExactly(new NetworkConnection("203.0.113.50", null, "10.0.0.8", 22, null, Direction.UNKNOWN));
        assertThat(alert.raw())
                .startsWith("{\"_time\":\"2026-11-20T10:00:00.000+00:00\"")
                .endsWith("\"22\"}");
        assertThat(new String(input, StandardCharsets.UTF_8)).contains(alert.raw());
        Alert event = outcome.alerts().get(1);
        assertThat(event.title()).isEqualTo("suricata on fw-edge");
        assertThat(event.description()).isEqualTo("flow 10.0.0.8 -> 8.8.8.8");
        assertThat(event.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void pairsJsonRowsWithTheirFieldNames() throws IOException {
        ParseOutcome outcome = parse(sample("results_json_rows.json"));

        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.alerts())
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.kind()).isEqualTo(AlertKind.EVENT));
        Alert first = outcome.alerts().get(0);
        assertThat(first.title()).isEqualTo("WinEventLog:Security on dc-01");
        assertThat(first.entities().users()).containsExactly(new UserAccount("mallory", "CORP", null, false));
        assertThat(first.raw())
                .isEqualTo("{\"_time\":\"2026-11-20T10:05:00.000+00:00\",\"host\":\"dc-01\","
                        + "\"sourcetype\":\"WinEventLog:Security\",\"_raw\":\"An account failed to log on\","
                        + "\"user\":\"CORP\\\\mallory\"}");
    }

    @Test
    void keepsOnlyTheFinalBatchOfAnExportStream() throws IOException {
        ParseOutcome outcome = parse(sample("export_stream.json"));

        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.alerts())
                .extracting(Alert::raw)
                .containsExactly(
                        "{\"preview\":false,\"offset\":0,\"result\":{\"host\":\"ws-1\",\"count\":\"9\"}}",
                        "{\"preview\":false,\"offset\":1,\"lastrow\":true,\"result\":{\"host\":\"ws-2\",\"count\":\"4\"}}");
        assertThat(outcome.alerts())
                .extracting(Alert::title)
                .containsExactly("Splunk search result on ws-1", "Splunk search result on ws-2");
    }

    @Test
    void keepsTheLastPreviewBatchWhenNoFinalBatchArrives() throws IOException {
        ParseOutcome outcome = parse(sample("export_stream_preview_only.json"));

        assertThat(outcome.alerts())
                .extracting(a -> a.entities().hosts().get(0).name())
                .containsExactly("ws-1", "ws-3");
        assertThat(outcome.alerts().get(0).raw()).contains("\"count\":\"5\"");
    }

    @Test
    void rejectsRecordsThatAreNoSplunkShapeAndEmptyHecEvents() {
        ParseOutcome outcome =
                parse("{\"foo\":1}\n{\"event\":\"\"}\n{\"messages\":[]}\n{\"event\":\"ok\",\"host\":\"h\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.alerts()).extracting(Alert::title).containsExactly("Splunk event on h");
        assertThat(outcome.rejections()).hasSize(2);
        assertThat(outcome.rejections().get(0).error()).startsWith("not a Splunk webhook");
        assertThat(outcome.rejections().get(1).error()).contains("without an event");
    }

    @Test
    void aRowWithoutThePreviewFlagDoesNotReplaceThePreviewBatch() {
        String stream = "{\"preview\":true,\"offset\":0,\"result\":{\"host\":\"a\",\"count\":\"1\"}}\n"
                + "{\"offset\":0,\"result\":{\"host\":\"b\",\"count\":\"2\"}}\n";
        ParseOutcome outcome = new Parsers(dev.vigil.ingest.IngestLimits.defaults())
                .parse(
                        stream.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        dev.vigil.alert.SourceFormat.SPLUNK,
                        dev.vigil.ingest.ParseContext.now());
        assertThat(outcome.alerts()).hasSize(2);
        assertThat(outcome.rejections()).isEmpty();
    }
}
