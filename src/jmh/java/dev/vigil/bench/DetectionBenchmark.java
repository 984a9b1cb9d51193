package dev.vigil.bench;

import dev.vigil.alert.Alert;
import dev.vigil.alert.SourceFormat;
import dev.vigil.attack.Detection;
import dev.vigil.attack.RuleProblem;
import dev.vigil.attack.sigma.EventView;
import dev.vigil.attack.sigma.SigmaEvent;
import dev.vigil.attack.sigma.SigmaEvents;
import dev.vigil.attack.sigma.SigmaRules;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.ParseOutcome;
import dev.vigil.ingest.parse.Parsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events per second through the Sigma engine with every SigmaHQ rule in {@code ../shared/sigma} loaded, over
 * the Windows events (Sysmon, Security, PowerShell, WMI) of the OTRF datasets in
 * {@code ../shared/samples/windows_mordor}. See docs/benchmarks.md, section "Sigma detection".
 *
 * <p>One benchmark operation is one event, so {@code ops/s} reads as events per second and JMH's
 * {@code -prof gc} {@code gc.alloc.rate.norm} as bytes allocated per event. Each benchmark walks its events
 * round-robin, so every iteration sees the same mix.
 *
 * <p>The evaluation benchmarks start from events whose fields were extracted in {@code @Setup}, but hand the
 * rules a new {@link EventView} over those fields for every evaluation: the view caches lower-cased values,
 * and a view reused from the previous pass would already hold them, hiding work every real event pays.
 * {@link #indexedReusedView} keeps the views on purpose, to show what that cache costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectionBenchmark {

    private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";

    private SigmaRules rules;
    /** The events as the parser hands them to detection: source {@code sysmon}, the line as {@code raw}. */
    private Alert[] alerts;
    /** The same events with their fields extracted, in the same order. */
    private SigmaEvent[] events;
    /** Sysmon event 1 (process creation) only: the route with the most rules. */
    private SigmaEvent[] processCreation;
    /** What {@code SigmaEvents} passes to every Windows view, so that new views behave as the engine's own. */
    private Map<String, String> windowsAliases;

    /** Where each benchmark thread is in its list of events. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance(int length) {
            int at = next;
            next = at + 1 == length ? 0 : at + 1;
            return at;
        }
    }

    @Setup(Level.Trial)
    public void load() {
        Path shared = sharedFolder();
        Path sigma = shared.resolve("sigma");
        Path samples = shared.resolve("samples").resolve("windows_mordor");
        require(sigma, "the SigmaHQ rules (../shared/sigma)");
        require(samples, "the OTRF Windows samples (../shared/samples/windows_mordor)");

        long started = System.nanoTime();
        rules = SigmaRules.load(false, List.of(sigma));
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        long unrouted = rules.problems().stream().filter(RuleProblem::unrouted).count();

        Parsers parsers = new Parsers(IngestLimits.defaults());
        ParseContext context = new ParseContext(Instant.parse("2026-01-01T00:00:00Z"), null);
        List<Alert> read = new ArrayList<>();
        List<Path> files = datasets(samples);
        for (Path file : files) {
            ParseOutcome outcome = parsers.parse(bytes(file), SourceFormat.SYSMON, context);
            if (!outcome.rejections().isEmpty()) {
                throw new IllegalStateException(
                        file + ": " + outcome.rejections().size() + " events rejected by the parser, first "
                                + outcome.rejections().get(0));
            }
            read.addAll(outcome.alerts());
        }
        alerts = read.toArray(Alert[]::new);
        events = new SigmaEvent[alerts.length];
        List<SigmaEvent> processes = new ArrayList<>();
        for (int i = 0; i < alerts.length; i++) {
            SigmaEvent event = SigmaEvents.of(alerts[i]);
            if (event == null) {
                throw new IllegalStateException("event " + i + " has no Sigma fields: " + alerts[i].raw());
            }
            events[i] = event;
            Map<String, String> fields = event.view().fields();
            if (SYSMON.equalsIgnoreCase(fields.get("Channel")) && "1".equals(fields.get("EventID"))) {
                processes.add(event);
            }
        }
        processCreation = processes.toArray(SigmaEvent[]::new);
        windowsAliases = aliasesOf(events[0].view());
        if (processCreation.length == 0) {
            throw new IllegalStateException("no Sysmon process creation event (EventID 1) in " + samples);
        }

        describe(files.size(), loadMillis, unrouted);
    }

    /** Routing and every candidate rule through the per-route index: what detection costs per event. */
    @Benchmark
    public void indexed(Cursor cursor, Blackhole sink) {
        sink.consume(rules.matches(fresh(events[cursor.advance(events.length)]), true));
    }

    /** The same rules with no index: every rule of the event's routes, one by one. */
    @Benchmark
    public void naive(Cursor cursor, Blackhole sink) {
        sink.consume(rules.matches(fresh(events[cursor.advance(events.length)]), false));
    }

    /** What the pipeline pays per event: the raw line read into Sigma fields and routed, then indexed matching. */
    @Benchmark
    public void withFieldExtraction(Cursor cursor, Blackhole sink) {
        SigmaEvent event = SigmaEvents.of(alerts[cursor.advance(alerts.length)]);
        sink.consume(event == null ? List.of() : rules.matches(event, true));
    }

    /** {@link #indexed} on Sysmon process creation events only, the bucket with the most rules. */
    @Benchmark
    public void processCreation(Cursor cursor, Blackhole sink) {
        sink.consume(rules.matches(fresh(processCreation[cursor.advance(processCreation.length)]), true));
    }

    /** {@link #naive} on Sysmon process creation events only: what the index buys in that bucket. */
    @Benchmark
    public void processCreationNaive(Cursor cursor, Blackhole sink) {
        sink.consume(rules.matches(fresh(processCreation[cursor.advance(processCreation.length)]), false));
    }

    /**
     * Diagnostic, not a pipeline figure: {@link #indexed} with the views of the previous pass, whose lower-case
     * cache is already full. The gap to {@link #indexed} is what lower-casing and caching values costs.
     */
    @Benchmark
    public void indexedReusedView(Cursor cursor, Blackhole sink) {
        sink.consume(rules.matches(events[cursor.advance(events.length)], true));
    }

    /** The event with a new view over its fields, as {@code SigmaEvents} would build it: an empty cache. */
    private SigmaEvent fresh(SigmaEvent event) {
        return new SigmaEvent(new EventView(event.view().fields(), windowsAliases), event.buckets());
    }

    /**
     * The alias map of an engine-built view. {@code EventView} does not expose it and the benchmark may not
     * change the engine, so it is read once, here, by reflection.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> aliasesOf(EventView view) {
        try {
            Field aliases = EventView.class.getDeclaredField("aliases");
            aliases.setAccessible(true);
            return (Map<String, String>) aliases.get(view);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "DetectionBenchmark reads EventView's private 'aliases' map to build fresh views;"
                            + " update DetectionBenchmark.aliasesOf to the engine's current EventView",
                    e);
        }
    }

    /** Counts and matches, printed once so that the figures can be recorded next to what they measured. */
    private void describe(int files, long loadMillis, long unrouted) {
        int routedToRules = 0;
        long matchesIndexed = 0;
        long matchesNaive = 0;
        int disagreements = 0;
        int eventsWithDetections = 0;
        long detections = 0;
        Map<String, Integer> byRule = new TreeMap<>();
        Map<String, String> buckets = rules.buckets();
        for (SigmaEvent event : events) {
            List<?> viaIndex = rules.matches(fresh(event), true);
            List<?> oneByOne = rules.matches(fresh(event), false);
            matchesIndexed += viaIndex.size();
            matchesNaive += oneByOne.size();
            if (!new HashSet<Object>(viaIndex).equals(new HashSet<Object>(oneByOne))) {
                disagreements++;
            }
            List<Detection> found = rules.detect(fresh(event));
            if (!found.isEmpty()) {
                eventsWithDetections++;
                detections += found.size();
                found.forEach(
                        d -> byRule.merge(d.rule().level() + " " + d.rule().title(), 1, Integer::sum));
            }
            if (event.buckets().stream().anyMatch(buckets::containsKey)) {
                routedToRules++;
            }
        }
        System.out.printf(
                "%n[DetectionBenchmark] rules: %d loaded, %d refused (%d unrouted) in %d ms%n",
                rules.size(), rules.problems().size(), unrouted, loadMillis);
        rules.problems().stream()
                .filter(p -> !p.unrouted())
                .forEach(p -> System.out.printf("[DetectionBenchmark]   refused %s: %s%n", p.source(), p.reason()));
        System.out.printf(
                "[DetectionBenchmark] events: %d from %d datasets (%d routed to at least one rule bucket),"
                        + " %d Sysmon process creation%n",
                events.length, files, routedToRules, processCreation.length);
        System.out.printf(
                "[DetectionBenchmark] one pass: %d rule matches indexed, %d naive, %d events where they differ;"
                        + " %d detections on %d events, %d distinct rules%n",
                matchesIndexed, matchesNaive, disagreements, detections, eventsWithDetections, byRule.size());
        byRule.forEach((rule, count) -> System.out.printf("[DetectionBenchmark]   %5d  %s%n", count, rule));
        if (disagreements > 0) {
            System.out.printf(
                    "[DetectionBenchmark] WARNING: the index and the naive path disagree on %d events%n",
                    disagreements);
        }
    }

    private static List<Path> datasets(Path samples) {
        try (Stream<Path> files = Files.list(samples)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no *.jsonl dataset in " + samples.toAbsolutePath());
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void require(Path folder, String what) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("DetectionBenchmark needs " + what + " at " + folder.toAbsolutePath()
                    + ", which does not exist; run it from the project root with ../shared next to it,"
                    + " or point -Dvigil.shared.dir at the shared folder");
        }
    }

    private static Path sharedFolder() {
        Path shared = Path.of(System.getProperty("vigil.shared.dir", "../shared"));
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("DetectionBenchmark reads the SigmaHQ rules and the public samples from "
                    + shared.toAbsolutePath() + ", which does not exist; run it from the project root with"
                    + " ../shared next to it, or point -Dvigil.shared.dir at the shared folder");
        }
        return shared;
    }
}
