package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A field against string patterns: any of them, or with {@code |all} every one. */
record StringTest(String field, List<StringPattern> patterns, boolean all, String modifiers) implements FieldTest {

    @Override
    public boolean test(EventView event) {
        String value = event.value(field);
        if (value == null) {
            return false;
        }
        String lower = null;
        for (StringPattern pattern : patterns) {
            String candidate;
            if (pattern.cased()) {
                candidate = value;
            } else {
                if (lower == null) {
                    lower = event.lower(field);
                }
                candidate = lower;
            }
            boolean hit = pattern.matches(candidate);
            if (hit != all) {
                return hit;
            }
        }
        return all;
    }

    @Override
    public List<IndexKey> indexKeys() {
        if (all) {
            List<IndexKey> best = null;
            for (StringPattern pattern : patterns) {
                best = IndexKey.cheaper(best, keyOf(pattern));
            }
            return best == null ? List.of() : best;
        }
        List<IndexKey> keys = new ArrayList<>(patterns.size());
        for (StringPattern pattern : patterns) {
            List<IndexKey> key = keyOf(pattern);
            if (key.isEmpty()) {
                return List.of();
            }
            keys.addAll(key);
        }
        return keys;
    }

    private List<IndexKey> keyOf(StringPattern pattern) {
        String exact = pattern.exactValue();
        if (exact != null) {
            return List.of(new IndexKey(field, IndexKey.Kind.EQUALS, exact.toLowerCase(java.util.Locale.ROOT)));
        }
        String name = pattern.requiredFileName();
        if (name != null) {
            return List.of(new IndexKey(field, IndexKey.Kind.FILE_NAME, name));
        }
        String literal = pattern.requiredLiteral();
        return literal.isEmpty() ? List.of() : List.of(new IndexKey(field, IndexKey.Kind.CONTAINS, literal));
    }

    /** Names the values that matched (for {@code all}, every one), not the whole list the rule holds. */
    @Override
    public void explain(EventView event, java.util.function.Consumer<MatchedField> out) {
        String value = event.value(field);
        if (value == null) {
            return;
        }
        List<String> hits = new ArrayList<>();
        for (StringPattern pattern : patterns) {
            String candidate = pattern.cased() ? value : event.lower(field);
            if (candidate != null && pattern.matches(candidate)) {
                hits.add(pattern.text());
            }
        }
        String values = hits.size() == 1 ? hits.get(0) : "[" + String.join(", ", hits) + "]";
        out.accept(new MatchedField(field, value, (modifiers.isEmpty() ? "is" : modifiers) + " " + values));
    }

    @Override
    public String describe() {
        String values = patterns.stream().map(StringPattern::text).collect(Collectors.joining(", "));
        return (modifiers.isEmpty() ? "is" : modifiers) + " " + (patterns.size() > 1 ? "[" + values + "]" : values);
    }
}
