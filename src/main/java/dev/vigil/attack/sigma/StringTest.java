package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A field against string patterns: any of them, or with {@code |all} each value of the rule. A value can
 * compile to several patterns (windash spellings, base64 offsets); any one of them stands for the value, so
 * {@code values} keeps them grouped per value.
 */
record StringTest(String field, List<List<StringPattern>> values, boolean all, String modifiers) implements FieldTest {

    /** Every pattern of every value. */
    List<StringPattern> patterns() {
        return values.stream().flatMap(List::stream).toList();
    }

    @Override
    public boolean test(EventView event) {
        String value = event.value(field);
        if (value == null) {
            return false;
        }
        for (List<StringPattern> spellings : values) {
            boolean hit = first(spellings, value, event) != null;
            if (hit != all) {
                return hit;
            }
        }
        return all;
    }

    /** The first of the patterns that matches the value, or null. */
    private @Nullable StringPattern first(List<StringPattern> patterns, String value, EventView event) {
        String lower = null;
        for (StringPattern pattern : patterns) {
            String candidate;
            if (pattern.cased()) {
                candidate = value;
            } else {
                if (lower == null) {
                    lower = event.lower(field);
                }
                candidate = lower == null ? value : lower;
            }
            if (pattern.matches(candidate)) {
                return pattern;
            }
        }
        return null;
    }

    @Override
    public List<IndexKey> indexKeys() {
        if (all) {
            // every value must match, so the keys of any one value (all its spellings) are necessary
            List<IndexKey> best = null;
            for (List<StringPattern> spellings : values) {
                best = IndexKey.cheaper(best, keysOf(spellings));
            }
            return best == null ? List.of() : best;
        }
        return keysOf(patterns());
    }

    /** The keys of which a value matching any of the patterns has one; empty when a pattern has none. */
    private List<IndexKey> keysOf(List<StringPattern> patterns) {
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

    /**
     * Names the value that matched rather than the whole list: SigmaHQ lists run to hundreds of values (and
     * windash multiplies them), which would bury the one the analyst needs in every alert. With {@code all},
     * the spelling that matched of each value.
     */
    @Override
    public void explain(EventView event, Consumer<MatchedField> out) {
        String value = event.value(field);
        if (value == null) {
            return;
        }
        List<StringPattern> shown = new ArrayList<>();
        for (List<StringPattern> spellings : values) {
            StringPattern hit = first(spellings, value, event);
            if (hit != null) {
                shown.add(hit);
                if (!all) {
                    break;
                }
            }
        }
        out.accept(new MatchedField(field, value, describe(shown.isEmpty() ? patterns() : shown)));
    }

    @Override
    public String describe() {
        return describe(patterns());
    }

    private String describe(List<StringPattern> shown) {
        String texts = shown.stream().map(StringPattern::text).collect(Collectors.joining(", "));
        return (modifiers.isEmpty() ? "is" : modifiers) + " " + (shown.size() > 1 ? "[" + texts + "]" : texts);
    }
}
