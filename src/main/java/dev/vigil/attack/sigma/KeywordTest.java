package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Keywords: values without a field, searched for in every field of the event. */
record KeywordTest(List<StringPattern> patterns, boolean all) implements FieldTest {

    @Override
    public boolean test(EventView event) {
        for (StringPattern pattern : patterns) {
            boolean hit = anyField(event, pattern) != null;
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
        List<IndexKey> keys = new java.util.ArrayList<>();
        List<IndexKey> best = null;
        for (StringPattern pattern : patterns) {
            String literal = pattern.requiredLiteral();
            List<IndexKey> key = literal.isEmpty()
                    ? List.of()
                    : List.of(new IndexKey(IndexKey.ANY_FIELD, IndexKey.Kind.CONTAINS, literal));
            if (all) {
                best = IndexKey.cheaper(best, key);
            } else if (key.isEmpty()) {
                return List.of();
            } else {
                keys.addAll(key);
            }
        }
        return all ? (best == null ? List.of() : best) : keys;
    }

    @Override
    public @Nullable String field() {
        return null;
    }

    @Override
    public void explain(EventView event, Consumer<MatchedField> out) {
        for (StringPattern pattern : patterns) {
            String field = anyField(event, pattern);
            if (field != null) {
                out.accept(new MatchedField(field, event.value(field), "contains keyword " + pattern.text()));
            }
        }
    }

    @Override
    public String describe() {
        return "keywords "
                + patterns.stream()
                        .map(StringPattern::text)
                        .collect(Collectors.joining(", "))
                        .toLowerCase(Locale.ROOT);
    }
}
