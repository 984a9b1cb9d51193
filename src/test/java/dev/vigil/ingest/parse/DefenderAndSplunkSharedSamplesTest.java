package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.ParseOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every public Defender, Graph and Splunk sample in {@code ../shared/samples}, auto-detected and counted. */
class DefenderAndSplunkSharedSamplesTest {

    private static final Path SAMPLES = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "samples");

    /** file → format, alerts, context events. */
    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry(
                    "defender/graph_v1_security_alert_resource_schema_template.json",
                    new Expected(SourceFormat.GRAPH, 1, 0)),
            Map.entry(
                    "defender/graph_v1_security_alerts_v2_get_alert_response.json",
                    new Expected(SourceFormat.GRAPH, 1, 0)),
            Map.entry(
                    "defender/mde_api_alerts_list_example2_expand_evidence_response.json",
                    new Expected(SourceFormat.DEFENDER, 1, 0)),
            Map.entry("splunk/splunk_docs_webhook_payload_example.json", new Expected(SourceFormat.SPLUNK, 1, 0)),
            Map.entry("splunk/splunk_sdk_java_results5.json", new Expected(SourceFormat.SPLUNK, 0, 3)),
            // 69 lines, but the 64 preview rows are superseded by the 5 rows of the final batch
            Map.entry("splunk/splunk_sdk_java_resultsExport.json", new Expected(SourceFormat.SPLUNK, 0, 5)),
            Map.entry(
                    "splunk/splunk_sdk_java_results_json_rows_internal.json", new Expected(SourceFormat.SPLUNK, 0, 10)),
            Map.entry(
                    "splunk/zulip_splunk_webhook_fixture_long_search_name.json",
                    new Expected(SourceFormat.SPLUNK, 1, 0)),
            Map.entry("splunk/zulip_splunk_webhook_fixture_missing_host.json", new Expected(SourceFormat.SPLUNK, 1, 0)),
            Map.entry(
                    "splunk/zulip_splunk_webhook_fixture_search_one_result.json",
                    new Expected(SourceFormat.SPLUNK, 1, 0)),
            Map.entry(
                    "splunk/zulip_splunk_webhook_fixture_short_search_name.json",
                    new Expected(SourceFormat.SPLUNK, 1, 0)));

    private record Expected(SourceFormat format, int alerts, int events) {}

    private final Parsers parsers = new Parsers(IngestLimits.defaults());

    private static Path assumeFolder(String folder) {
        Path dir = SAMPLES.resolve(folder);
        Assumptions.assumeTrue(Files.isDirectory(dir), () -> "shared samples missing: " + dir.toAbsolutePath());
        return dir;
    }

    private static List<String> files(String folder) throws IOException {
        Path dir = assumeFolder(folder);
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> folder + "/" + p.getFileName())
                    .sorted()
                    .toList();
        }
    }

    private ParseOutcome parse(String file) throws IOException {
        return parsers.parse(Files.readAllBytes(SAMPLES.resolve(file)), null, ParseContext.now());
    }

    @Test
    void parsesEveryDefenderAndSplunkSampleWithExactCountsAndNoRejections() throws IOException {
        List<String> files = Stream.concat(files("defender").stream(), files("splunk").stream())
                .toList();

        assertThat(files).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        for (String file : files) {
            ParseOutcome outcome = parse(file);
            Expected expected = EXPECTED.get(file);
            assertThat(outcome.format()).as(file).isEqualTo(expected.format());
            assertThat(outcome.rejections()).as(file).isEmpty();
            assertThat(outcome.alerts().stream().filter(a -> a.kind() == AlertKind.ALERT))
                    .as(file)
                    .hasSize(expected.alerts());
            assertThat(outcome.alerts().stream().filter(a -> a.kind() == AlertKind.EVENT))
                    .as(file)
                    .hasSize(expected.events());
        }
    }

    @Test
    void mapsTheDocumentedMdeAndGraphExamples() throws IOException {
        assumeFolder("defender");

        Alert mde = parse("defender/mde_api_alerts_list_example2_expand_evidence_response.json")
                .alerts()
                .get(0);
        assertThat(mde.severity()).isEqualTo(Severity.LOW);
        assertThat(mde.tenant()).isEqualTo("a839b112-1253-6432-9bf6-94542403f21c");
        assertThat(mde.entities().hosts().get(0).defenderDeviceId())
                .isEqualTo("111e6dd8c833c8a052ea231ec1b19adaf497b625");
        assertThat(mde.entities().files().get(0).hashes().sha1()).isEqualTo("8563f95b2f8a284fc99da44500cd51a77c1ff36c");

        Alert graph = parse("defender/graph_v1_security_alerts_v2_get_alert_response.json")
                .alerts()
                .get(0);
        assertThat(graph.title()).isEqualTo("Suspicious execution of hidden file");
        assertThat(graph.entities().hosts().get(0).defenderDeviceId())
                .isEqualTo("73e7e2de709dff64ef64b1d0c30e67fab63279db");
        assertThat(graph.entities().processes().get(0).parentImage()).isEqualTo("C:\\Windows\\System32\\services.exe");
    }

    @Test
    void readsTheSchemaTemplateAsOnePlaceholderAlertWithNothingMisread() throws IOException {
        assumeFolder("defender");

        // The parser is lenient by contract: the template's "String" placeholders are valid text, while
        // its unparseable timestamps, unknown severity and untyped evidence are dropped, not misread.
        Alert template = parse("defender/graph_v1_security_alert_resource_schema_template.json")
                .alerts()
                .get(0);
        assertThat(template.title()).isEqualTo("String");
        assertThat(template.nativeSeverity()).isEqualTo("String");
        assertThat(template.severity()).isEqualTo(Severity.INFO);
        assertThat(template.occurredAt()).isNull();
        assertThat(template.tenant()).isEqualTo("String");
        assertThat(template.entities().hosts()).isEmpty();
    }
}
