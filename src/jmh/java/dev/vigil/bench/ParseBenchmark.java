package dev.vigil.bench;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.parse.Parsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records per second through {@link Parsers#parse} for each source format, next to a ceiling: the same bytes
 * only split into records and turned into Jackson trees (JSON) or split into lines and tab-separated fields
 * (Zeek TSV). The public samples in {@code ../shared/samples} are the input; see docs/benchmarks.md.
 *
 * <p>Throughput is reported twice: {@code ops/s} counts passes over a corpus, and the {@code records} counter
 * counts the records of those passes, which is the figure to compare across formats.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseBenchmark {

    @Param({"suricata", "zeek-tsv", "zeek-json", "sysmon", "defender", "graph", "splunk"})
    public String corpus;

    private final Parsers parsers = new Parsers(IngestLimits.defaults());
    private final JsonMapper jackson = JsonMapper.builder().build();
    private final ParseContext context = new ParseContext(Instant.parse("2026-01-01T00:00:00Z"), null);
    private final dev.vigil.triage.Triage triage = triage();

    private SourceFormat format;
    private List<Input> inputs;
    private long recordsPerPass;

    private static dev.vigil.triage.Triage triage() {
        try {
            // the heaviest realistic set-up: the built-in rules and every shared SigmaHQ rule
            Path sigma = samplesFolder().getParent().resolve("sigma");
            return new dev.vigil.triage.Triage(
                    dev.vigil.attack.TechniqueMapping.over(dev.vigil.attack.InstalledCatalogue.shipped()),
                    dev.vigil.attack.DetectionRules.load(true, List.of(sigma)),
                    dev.vigil.attack.DamageScores.shipped(java.util.Map.of()),
                    dev.vigil.triage.RiskModel.defaults(),
                    java.time.Clock.systemUTC());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One sample file: its bytes, how the ceiling splits it and how many records it holds. */
    record Input(String name, byte[] bytes, Shape shape, int records) {}

    /** How a file is laid out, which decides what the raw ceiling does with it. */
    enum Shape {
        JSON_LINES,
        JSON_DOCUMENT,
        TSV
    }

    /** Records handed through per second, next to JMH's passes per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Records {
        public long records;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
        }
    }

    @Setup(Level.Trial)
    public void load() {
        Path samples = samplesFolder();
        switch (corpus) {
            case "suricata" -> {
                format = SourceFormat.SURICATA;
                inputs = List.of(input(samples, "suricata/suricata_eve_alerts_wrccdc-2018.json", Shape.JSON_LINES));
            }
            case "zeek-tsv" -> {
                format = SourceFormat.ZEEK;
                inputs = List.of(
                        input(samples, "zeek/brimdata_wrccdc2018_weird_tsv_part1.log", Shape.TSV),
                        input(samples, "zeek/brimdata_wrccdc2018_notice_tsv_part1.log", Shape.TSV));
            }
            case "zeek-json" -> {
                format = SourceFormat.ZEEK;
                inputs = List.of(input(samples, "zeek/otrf_apt29_day1_NASHUA_conn.log", Shape.JSON_LINES));
            }
            case "sysmon" -> {
                format = SourceFormat.SYSMON;
                inputs = List.of(input(
                        samples,
                        "windows_mordor/SDWIN-201219070027_schtask_create_2020-12-1907003032.jsonl",
                        Shape.JSON_LINES));
            }
            case "defender" -> {
                format = SourceFormat.DEFENDER;
                inputs = List.of(input(
                        samples,
                        "defender/mde_api_alerts_list_example2_expand_evidence_response.json",
                        Shape.JSON_DOCUMENT));
            }
            case "graph" -> {
                format = SourceFormat.GRAPH;
                inputs = List.of(input(
                        samples, "defender/graph_v1_security_alerts_v2_get_alert_response.json", Shape.JSON_DOCUMENT));
            }
            case "splunk" -> {
                format = SourceFormat.SPLUNK;
                inputs = List.of(
                        input(samples, "splunk/splunk_docs_webhook_payload_example.json", Shape.JSON_DOCUMENT),
                        input(
                                samples,
                                "splunk/zulip_splunk_webhook_fixture_search_one_result.json",
                                Shape.JSON_DOCUMENT),
                        input(
                                samples,
                                "splunk/zulip_splunk_webhook_fixture_short_search_name.json",
                                Shape.JSON_DOCUMENT),
                        input(
                                samples,
                                "splunk/zulip_splunk_webhook_fixture_long_search_name.json",
                                Shape.JSON_DOCUMENT),
                        input(samples, "splunk/zulip_splunk_webhook_fixture_missing_host.json", Shape.JSON_DOCUMENT));
            }
            default -> throw new IllegalArgumentException("no corpus named " + corpus);
        }
        recordsPerPass = inputs.stream().mapToLong(Input::records).sum();
        System.out.printf(
                "%n[ParseBenchmark] corpus %s: %d file(s), %d records per pass, parsed as %s%n",
                corpus, inputs.size(), recordsPerPass, format.id());
    }

    /** What Vigil does with the input: detection skipped (the format is named), records to canonical alerts. */
    @Benchmark
    public void parse(Records counter, Blackhole sink) {
        for (Input input : inputs) {
            sink.consume(parsers.parse(input.bytes(), format, context));
        }
        counter.records += recordsPerPass;
    }

    /**
     * The whole offline pipeline per record: parse, then triage each record (all Sigma rules, ATT&amp;CK mapping
     * from native tags, rules and heuristics, damage, risk score with its factors) and each alert a rule
     * raised, as the triage workers do without the database.
     */
    @Benchmark
    public void pipeline(Records counter, Blackhole sink) {
        for (Input input : inputs) {
            for (dev.vigil.alert.Alert alert :
                    parsers.parse(input.bytes(), format, context).alerts()) {
                dev.vigil.alert.TriageResult result = triage.triage(alert);
                sink.consume(result);
                for (dev.vigil.alert.Alert raised : result.raised()) {
                    sink.consume(triage.triage(raised));
                }
            }
        }
        counter.records += recordsPerPass;
    }

    /** The ceiling: the least any parser must do to see every record (see the class comment). */
    @Benchmark
    public void rawJackson(Records counter, Blackhole sink) {
        for (Input input : inputs) {
            switch (input.shape()) {
                case JSON_LINES ->
                    forEachLine(input.bytes(), (from, to) -> {
                        if (to > from) {
                            sink.consume(jackson.readTree(input.bytes(), from, to - from));
                        }
                    });
                case JSON_DOCUMENT -> sink.consume(jackson.readTree(input.bytes()));
                case TSV -> splitTsv(input.bytes(), sink);
            }
        }
        counter.records += recordsPerPass;
    }

    private static void splitTsv(byte[] bytes, Blackhole sink) {
        forEachLine(bytes, (from, to) -> {
            if (to > from && bytes[from] != '#') {
                String line = new String(bytes, from, to - from, StandardCharsets.UTF_8);
                sink.consume(line.split("\t", -1));
            }
        });
    }

    private interface LineHandler {
        void line(int from, int to);
    }

    /** Calls the handler with each line's bounds, without the line break. */
    private static void forEachLine(byte[] bytes, LineHandler handler) {
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int to = i > from && bytes[i - 1] == '\r' ? i - 1 : i;
                handler.line(from, to);
                from = i + 1;
            }
        }
    }

    private Input input(Path samples, String file, Shape shape) {
        Path path = samples.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("ParseBenchmark needs the sample file " + path.toAbsolutePath()
                    + " (see ../shared/samples/MANIFEST.md)");
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            return new Input(file, bytes, shape, countRecords(bytes, shape));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records as the ceiling sees them: non-blank lines, data lines of a Zeek log, or a list response's items. */
    private int countRecords(byte[] bytes, Shape shape) {
        int[] count = {0};
        switch (shape) {
            case JSON_LINES -> forEachLine(bytes, (from, to) -> count[0] += to > from ? 1 : 0);
            case TSV -> forEachLine(bytes, (from, to) -> count[0] += to > from && bytes[from] != '#' ? 1 : 0);
            case JSON_DOCUMENT -> {
                JsonNode document = jackson.readTree(bytes);
                JsonNode items = document.path("value");
                count[0] = items.isArray() ? items.size() : 1;
            }
        }
        return count[0];
    }

    private static Path samplesFolder() {
        Path shared = Path.of(System.getProperty("vigil.shared.dir", "../shared"));
        Path samples = shared.resolve("samples");
        if (!Files.isDirectory(samples)) {
            throw new IllegalStateException("ParseBenchmark reads the public samples from " + samples.toAbsolutePath()
                    + ", which does not exist; run it from the project root with ../shared next to it,"
                    + " or point -Dvigil.shared.dir at the shared folder");
        }
        return samples;
    }
}
