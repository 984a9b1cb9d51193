package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Several tests on one field item, any of which may match: a value list mixing {@code null} and strings. */
record AnyOfTests(List<FieldTest> tests) implements FieldTest {

    @Override
    public boolean test(EventView event) {
        for (FieldTest test : tests) {
            if (test.test(event)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public @Nullable String field() {
        return tests.get(0).field();
    }

    @Override
    public List<IndexKey> indexKeys() {
        List<IndexKey> keys = new ArrayList<>();
        for (FieldTest test : tests) {
            List<IndexKey> k = test.indexKeys();
            if (k.isEmpty()) {
                return List.of();
            }
            keys.addAll(k);
        }
        return keys;
    }

    @Override
    public void explain(EventView event, Consumer<MatchedField> out) {
        for (FieldTest test : tests) {
            if (test.test(event)) {
                test.explain(event, out);
                return;
            }
        }
    }

    @Override
    public String describe() {
        return tests.stream().map(FieldTest::describe).collect(Collectors.joining(" or "));
    }
}
