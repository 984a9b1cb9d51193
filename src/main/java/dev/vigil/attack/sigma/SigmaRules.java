package dev.vigil.attack.sigma;

import dev.vigil.alert.Alert;
import dev.vigil.attack.Detection;
import dev.vigil.attack.DetectionRule;
import dev.vigil.attack.DetectionRules;
import dev.vigil.attack.RuleProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The Sigma engine: rules read, compiled once per route and indexed per route bucket ({@link RuleBucket}).
 * An event is tested only against the rules of its buckets, and within a bucket mostly only against rules
 * whose required value it has.
 */
public final class SigmaRules implements DetectionRules {

    /** Where Vigil's own rules live on the class path, listed in an index since a jar cannot be listed. */
    static final String BUILTIN = "detection/builtin/";

    private static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "informational");

    private final Map<String, RuleBucket> buckets;
    private final List<RuleProblem> problems;
    private final int size;

    private SigmaRules(Map<String, RuleBucket> buckets, List<RuleProblem> problems, int size) {
        this.buckets = buckets;
        this.problems = List.copyOf(problems);
        this.size = size;
    }

    public static SigmaRules load(boolean builtin, List<Path> directories) {
        Loader loader = new Loader();
        if (builtin) {
            for (String name : builtinNames()) {
                loader.add(resource(BUILTIN + name), "builtin:" + name);
            }
        }
        for (Path directory : directories) {
            if (!Files.isDirectory(directory) || !Files.isReadable(directory)) {
                throw new IllegalArgumentException("not a readable directory of rules: " + directory);
            }
            for (Path file : ruleFiles(directory)) {
                loader.add(file);
            }
        }
        return loader.build();
    }

    @Override
    public List<Detection> detect(Alert event) {
        SigmaEvent sigma = SigmaEvents.of(event);
        return sigma == null ? List.of() : detect(sigma);
    }

    public List<Detection> detect(SigmaEvent event) {
        List<CompiledRule> matched = matches(event, true);
        if (matched.isEmpty()) {
            return List.of();
        }
        List<Detection> detections = new ArrayList<>(matched.size());
        List<String> seen = new ArrayList<>(matched.size());
        for (CompiledRule rule : matched) {
            if (!seen.contains(rule.rule().id())) {
                seen.add(rule.rule().id());
                detections.add(new Detection(rule.rule(), rule.explain(event.view())));
            }
        }
        detections.sort(
                Comparator.comparingInt((Detection d) -> LEVELS.indexOf(d.rule().level()))
                        .thenComparing(d -> d.rule().title()));
        return detections;
    }

    /** The rules that match, through the index or (for comparison) trying every rule of the route. */
    public List<CompiledRule> matches(SigmaEvent event, boolean indexed) {
        List<CompiledRule> matched = new ArrayList<>(2);
        for (String key : event.buckets()) {
            RuleBucket bucket = buckets.get(key);
            if (bucket != null) {
                if (indexed) {
                    bucket.evaluate(event.view(), matched);
                } else {
                    bucket.evaluateNaively(event.view(), matched);
                }
            }
        }
        return matched;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<RuleProblem> problems() {
        return problems;
    }

    /** Rules per route bucket and how many of them the index holds, for {@code vigil rules check}. */
    public Map<String, String> buckets() {
        Map<String, String> described = new java.util.TreeMap<>();
        buckets.forEach(
                (key, bucket) -> described.put(key, bucket.size() + " rules, " + bucket.indexedCount() + " indexed"));
        return described;
    }

    private static List<String> builtinNames() {
        String index = resource(BUILTIN + "index.txt");
        return index.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = SigmaRules.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("built-in rule missing from the class path: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> ruleFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        return name.endsWith(".yml") || name.endsWith(".yaml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list rules under " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Collects compiled rules per bucket and the problems, one file at a time. */
    private static final class Loader {
        private final Map<String, List<CompiledRule>> byBucket = new LinkedHashMap<>();
        private final Map<String, String> sources = new HashMap<>();
        private final List<RuleProblem> problems = new ArrayList<>();
        private int loaded;

        void add(Path file) {
            String text;
            try {
                if (Files.size(file) > RuleReader.MAX_RULE_BYTES) {
                    problems.add(new RuleProblem(
                            file.toString(),
                            null,
                            null,
                            "rule file larger than " + RuleReader.MAX_RULE_BYTES + " bytes",
                            false));
                    return;
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                problems.add(new RuleProblem(file.toString(), null, null, "unreadable: " + e.getMessage(), false));
                return;
            }
            add(text, file.toString());
        }

        void add(String text, String source) {
            RuleDocument document = null;
            try {
                document = RuleReader.read(text, source);
                DetectionRule rule = document.rule();
                String earlier = sources.get(rule.id());
                if (earlier != null) {
                    throw new RuleRefused("duplicate rule id " + rule.id() + ", already loaded from " + earlier);
                }
                List<Route> routes = LogSources.routes(document.product(), document.category(), document.service());
                Map<String, CompiledRule> compiled = new LinkedHashMap<>();
                for (Route route : routes) {
                    compiled.put(route.bucket(), RuleCompiler.compile(document, route.fieldNames()));
                }
                compiled.forEach((bucket, c) ->
                        byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(c));
                sources.put(rule.id(), source);
                loaded++;
            } catch (RuleRefused e) {
                problems.add(problem(source, document, e.getMessage(), e.unrouted()));
            } catch (RuntimeException e) {
                // a rule must never take the others down with it, whatever is wrong with it
                problems.add(problem(source, document, "cannot compile: " + e, false));
            }
        }

        private static RuleProblem problem(
                String source, @Nullable RuleDocument document, String reason, boolean unrouted) {
            return new RuleProblem(
                    source,
                    document == null ? null : document.rule().id(),
                    document == null ? null : document.rule().title(),
                    reason,
                    unrouted);
        }

        SigmaRules build() {
            Map<String, RuleBucket> buckets = new HashMap<>();
            byBucket.forEach((key, rules) -> buckets.put(key, new RuleBucket(rules, true)));
            return new SigmaRules(buckets, problems, loaded);
        }
    }
}
