package dev.vigil.attack.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rules of one route, indexed. Most Sigma rules require one of a few exact values or file names in one
 * field ({@code Image|endswith: \certutil.exe}, {@code EventID: 4698}); such a rule is filed under those
 * values and only tried on events that have one. The rest are tried on every event of the route.
 */
final class RuleBucket {

    private final CompiledRule[] rules;
    private final int[] unindexed;
    /** field -> lower-case value -> rule positions. */
    private final Map<String, Map<String, int[]>> byValue;
    /** field -> lower-case file name after the last backslash -> rule positions. */
    private final Map<String, Map<String, int[]>> byFileName;
    /** field ({@link IndexKey#ANY_FIELD} for keywords) -> literals it may contain -> rule positions. */
    private final Map<String, ContainsIndex> byLiteral;

    /** The literals filed for one field, found together in one pass over the value. */
    private record ContainsIndex(Substrings literals, int[][] rules) {}

    RuleBucket(List<CompiledRule> compiled, boolean indexed) {
        this.rules = compiled.toArray(CompiledRule[]::new);
        List<Integer> rest = new ArrayList<>();
        Map<String, Map<String, List<Integer>>> values = new LinkedHashMap<>();
        Map<String, Map<String, List<Integer>>> names = new LinkedHashMap<>();
        Map<String, Map<String, List<Integer>>> literals = new LinkedHashMap<>();
        for (int i = 0; i < rules.length; i++) {
            List<IndexKey> keys = indexed ? rules[i].condition().necessaryKeys() : null;
            if (keys == null || keys.isEmpty()) {
                rest.add(i);
                continue;
            }
            for (IndexKey key : keys) {
                Map<String, Map<String, List<Integer>>> index = switch (key.kind()) {
                    case EQUALS -> values;
                    case FILE_NAME -> names;
                    case CONTAINS -> literals;
                };
                List<Integer> positions = index.computeIfAbsent(key.field(), f -> new HashMap<>())
                        .computeIfAbsent(key.value(), v -> new ArrayList<>());
                if (positions.isEmpty() || positions.get(positions.size() - 1) != i) {
                    positions.add(i);
                }
            }
        }
        this.unindexed = rest.stream().mapToInt(Integer::intValue).toArray();
        this.byValue = freeze(values);
        this.byFileName = freeze(names);
        Map<String, ContainsIndex> contains = new HashMap<>();
        freeze(literals).forEach((field, map) -> {
            List<String> words = new ArrayList<>(map.keySet());
            int[][] rules = new int[words.size()][];
            for (int w = 0; w < words.size(); w++) {
                rules[w] = map.get(words.get(w));
            }
            contains.put(field, new ContainsIndex(new Substrings(words), rules));
        });
        this.byLiteral = contains;
    }

    private static Map<String, Map<String, int[]>> freeze(Map<String, Map<String, List<Integer>>> index) {
        Map<String, Map<String, int[]>> frozen = new HashMap<>();
        index.forEach((field, map) -> {
            Map<String, int[]> f = new HashMap<>();
            map.forEach((v, list) ->
                    f.put(v, list.stream().mapToInt(Integer::intValue).toArray()));
            frozen.put(field, f);
        });
        return frozen;
    }

    int size() {
        return rules.length;
    }

    int indexedCount() {
        return rules.length - unindexed.length;
    }

    /** Tests the candidate rules in rule order and hands each match to {@code matches}. */
    void evaluate(EventView event, List<CompiledRule> matches) {
        boolean[] candidate = null;
        for (Map.Entry<String, Map<String, int[]>> field : byValue.entrySet()) {
            String value = event.lower(field.getKey());
            if (value != null) {
                candidate = mark(candidate, field.getValue().get(value));
            }
        }
        for (Map.Entry<String, Map<String, int[]>> field : byFileName.entrySet()) {
            String value = event.lower(field.getKey());
            if (value != null) {
                candidate = mark(candidate, field.getValue().get(fileName(value)));
            }
        }
        for (Map.Entry<String, ContainsIndex> field : byLiteral.entrySet()) {
            ContainsIndex index = field.getValue();
            if (field.getKey().equals(IndexKey.ANY_FIELD)) {
                for (String name : event.fields().keySet()) {
                    candidate = find(candidate, index, event, name);
                }
            } else {
                candidate = find(candidate, index, event, field.getKey());
            }
        }
        for (int i : unindexed) {
            if (rules[i].matches(event)) {
                matches.add(rules[i]);
            }
        }
        if (candidate != null) {
            for (int i = 0; i < candidate.length; i++) {
                if (candidate[i] && rules[i].matches(event)) {
                    matches.add(rules[i]);
                }
            }
        }
    }

    private boolean @Nullable [] mark(boolean @Nullable [] candidate, int @Nullable [] positions) {
        if (positions == null) {
            return candidate;
        }
        boolean[] marks = candidate == null ? new boolean[rules.length] : candidate;
        for (int p : positions) {
            marks[p] = true;
        }
        return marks;
    }

    /**
     * Marks the rules whose literals the field contains. ASCII values are scanned as they are, folding case
     * on the way, so long values (PowerShell script blocks, rendered messages) are not copied to lower case
     * for every event; others are scanned lower-cased.
     */
    private boolean @Nullable [] find(
            boolean @Nullable [] candidate, ContainsIndex index, EventView event, String field) {
        String value = event.value(field);
        if (value == null) {
            return candidate;
        }
        boolean[] marks = candidate == null ? new boolean[rules.length] : candidate;
        java.util.function.IntConsumer mark = word -> {
            for (int p : index.rules()[word]) {
                marks[p] = true;
            }
        };
        if (!index.literals().findFoldingAscii(value, mark)) {
            String lower = event.lower(field);
            if (lower != null) {
                index.literals().find(lower, mark);
            }
        }
        return marks;
    }

    static String fileName(String value) {
        return value.substring(value.lastIndexOf('\\') + 1);
    }

    /** Every rule, one by one, with no index: the baseline the benchmark compares against. */
    void evaluateNaively(EventView event, List<CompiledRule> matches) {
        for (CompiledRule rule : rules) {
            if (rule.matches(event)) {
                matches.add(rule);
            }
        }
    }

    @Override
    public String toString() {
        return rules.length + " rules, " + indexedCount() + " indexed (" + byValue.keySet() + " / "
                + byFileName.keySet() + ")".toLowerCase(Locale.ROOT);
    }
}
