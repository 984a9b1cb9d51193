package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Keywords: values without a field, searched for in every field of the event. As in {@link StringTest}, each
 * keyword may compile to several patterns (windash, base64offset), any one of which stands for it.
 */
record KeywordTest(List<List<StringPattern>> values, boolean all) implements FieldTest {

    @Override
    public boolean test(EventView event) {
        for (List<StringPattern> spellings : values) {
            boolean hit = false;
            for (StringPattern pattern : spellings) {
                if (anyField(event, pattern) != null) {
                    hit = true;
                    break;
                }
            }
            if (hit != all) {
                return hit;
            }
        }
        return all;
    }

    private static @Nullable String anyField(EventView event, StringPattern pattern) {
        for (Map.Entry<String, String> field : event.fields().entrySet()) {
            String value = pattern.cased() ? field.getValue() : event.lower(field.getKey());
            if (value != null && pattern.matches(value)) {
                return field.getKey();
            }
        }
        return null;
    }

    @Override
    public List<IndexKey> indexKeys() {
        List<IndexKey> union = new java.util.ArrayList<>();
        List<IndexKey> best = null;
        for (List<StringPattern> spellings : values) {
            List<IndexKey> keys = keysOf(spellings);
            if (all) {
                best = IndexKey.cheaper(best, keys);
            } else if (keys.isEmpty()) {
                return List.of();
            } else {
                union.addAll(keys);
            }
        }
        return all ? (best == null ? List.of() : best) : union;
    }

    /** A literal of each spelling, found in any field; empty when some spelling has none. */
    private static List<IndexKey> keysOf(List<StringPattern> spellings) {
        List<IndexKey> keys = new java.util.ArrayList<>();
        for (StringPattern pattern : spellings) {
            String literal = pattern.requiredLiteral();
            if (literal.isEmpty()) {
                return List.of();
            }
            keys.add(new IndexKey(IndexKey.ANY_FIELD, IndexKey.Kind.CONTAINS, literal));
        }
        return keys;
    }

    @Override
    public @Nullable String field() {
        return null;
    }

    @Override
    public void explain(EventView event, Consumer<MatchedField> out) {
        for (List<StringPattern> spellings : values) {
            for (StringPattern pattern : spellings) {
                String field = anyField(event, pattern);
                if (field != null) {
                    out.accept(new MatchedField(field, event.value(field), "contains keyword " + pattern.text()));
                    break;
                }
            }
        }
    }

    @Override
    public String describe() {
        return "keywords "
                + values.stream()
                        .flatMap(List::stream)
                        .map(StringPattern::text)
                        .collect(Collectors.joining(", "))
                        .toLowerCase(Locale.ROOT);
    }
}
