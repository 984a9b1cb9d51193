package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code vigil triage} as a user runs it: real files in, a table or JSON out, documented exit codes. */
class TriageCommandTest {

    private static final Path SAMPLES = Path.of("src/test/resources/samples");

    private final CommandRun vigil = new CommandRun();
    private final java.io.StringWriter out = vigil.out;
    private final java.io.StringWriter err = vigil.err;

    private int run(String... args) {
        return vigil.run(args);
    }

    @Test
    void printsATableOfAlertsHighestRiskFirstWithCountsPerFile() {
        int exit = run(
                "triage",
                SAMPLES.resolve("suricata/eve.json").toString(),
                SAMPLES.resolve("defender/alerts.ndjson").toString());
        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("SEVERITY").contains("RISK", "TITLE");
        assertThat(out.toString())
                .contains("suricata/eve.json: suricata,")
                .contains("defender/alerts.ndjson: defender,");
        List<Integer> risks = lines.stream()
                .skip(1)
                .takeWhile(l -> !l.isBlank())
                .map(l -> Integer.parseInt(l.substring(10, 14).trim()))
                .toList();
        assertThat(risks).isNotEmpty().isSortedAccordingTo((a, b) -> b - a);
    }

    @Test
    void printsJsonWithScoresFactorsAndRejections(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mixed.ndjson");
        Files.writeString(
                file,
                Files.readString(SAMPLES.resolve("suricata/eve.json"))
                                .lines()
                                .findFirst()
                                .orElseThrow() + "\n{\"event_type\": \n");
        assertThat(run("triage", "--output", "json", "--format", "suricata", file.toString()))
                .isZero();
        JsonNode result = JsonMapper.builder().build().readTree(out.toString()).get(0);
        assertThat(result.path("format").asString()).isEqualTo("suricata");
        assertThat(result.path("rejected")).hasSize(1);
        assertThat(result.path("rejected").get(0).path("line").asInt()).isEqualTo(2);
        JsonNode item = result.path("items").get(0);
        assertThat(item.path("riskScore").isInt()).isTrue();
        assertThat(item.path("factors").get(0).asString()).startsWith("severity ");
        assertThat(err.toString()).contains("rejected: " + file + " line 2");
    }

    @Test
    void exitsWith2WhenAFileCannotBeReadButStillReportsTheOthers() {
        int exit = run(
                "triage",
                "/no/such/file.json",
                SAMPLES.resolve("suricata/eve.json").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("/no/such/file.json: no such file");
        assertThat(out.toString()).contains("suricata/eve.json: suricata");
    }

    @Test
    void exitsWith2ForAnUnknownFormatOrAnUndetectableFile(@TempDir Path dir) throws Exception {
        assertThat(run(
                        "triage",
                        "--format",
                        "pcap",
                        SAMPLES.resolve("suricata/eve.json").toString()))
                .isEqualTo(2);
        Path odd = Files.writeString(dir.resolve("odd.txt"), "hello world\n");
        assertThat(run("triage", odd.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("could not detect the input format");
        assertThat(run("triage", "--output", "yaml", odd.toString())).isEqualTo(2);
    }

    @Test
    void triagesEverySharedSampleWithoutRejections() throws Exception {
        Path shared = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "samples");
        assumeTrue(Files.isDirectory(shared), "shared samples missing: " + shared.toAbsolutePath() + " (skipping)");
        List<String> files;
        try (Stream<Path> walk = Files.walk(shared)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".md") && !p.toString().endsWith(".yaml"))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
        String[] args = Stream.concat(Stream.of("triage", "--output", "json", "--events"), files.stream())
                .toArray(String[]::new);
        assertThat(run(args)).as(err.toString()).isZero();
        JsonNode results = JsonMapper.builder().build().readTree(out.toString());
        assertThat(results).hasSize(files.size());
        results.forEach(r ->
                assertThat(r.path("rejected")).as(r.path("file").asString()).isEmpty());
        long total = 0;
        for (JsonNode r : results) {
            total += r.path("alerts").asLong() + r.path("events").asLong();
        }
        // 6,433 Windows events + 251 Suricata + 2,083 Zeek + 3 Defender/Graph + 23 Splunk (MANIFEST.md counts).
        assertThat(total).isEqualTo(8_793);
    }
}
