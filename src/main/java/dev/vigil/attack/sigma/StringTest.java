package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
            for (StringPattern pattern : patterns) {
                List<IndexKey> key = keyOf(pattern);
                if (!key.isEmpty()) {
                    return key;
                }
            }
            return List.of();
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
        return name == null ? List.of() : List.of(new IndexKey(field, IndexKey.Kind.FILE_NAME, name));
    }

    /**
     * Names the value that matched rather than the whole list: SigmaHQ lists run to hundreds of values (and
     * windash multiplies them), which would bury the one the analyst needs in every alert.
     */
    @Override
    public void explain(EventView event, Consumer<MatchedField> out) {
        String value = event.value(field);
        if (value == null) {
            return;
        }
        List<StringPattern> shown = patterns;
        if (!all) {
            for (StringPattern pattern : patterns) {
                String lower = event.lower(field);
                if (pattern.matches(pattern.cased() || lower == null ? value : lower)) {
                    shown = List.of(pattern);
                    break;
                }
            }
        }
        out.accept(new MatchedField(field, value, describe(shown)));
    }

    @Override
    public String describe() {
        return describe(patterns);
    }

    private String describe(List<StringPattern> shown) {
        String values = shown.stream().map(StringPattern::text).collect(Collectors.joining(", "));
        return (modifiers.isEmpty() ? "is" : modifiers) + " " + (shown.size() > 1 ? "[" + values + "]" : values);
    }
}
