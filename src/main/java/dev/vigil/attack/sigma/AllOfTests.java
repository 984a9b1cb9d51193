package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Several tests on one field item that must all match: an {@code |all} value list in which a value expands
 * to several spellings ({@code windash}, {@code base64offset}), each value then matching through any of them.
 */
record AllOfTests(List<FieldTest> tests) implements FieldTest {

    @Override
    public boolean test(EventView event) {
        for (FieldTest test : tests) {
            if (!test.test(event)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public @Nullable String field() {
        return tests.get(0).field();
    }

    @Override
    public List<IndexKey> indexKeys() {
        // every test must pass, so the keys of any one of them are necessary; the cheapest narrow the most
        List<IndexKey> best = null;
        for (FieldTest test : tests) {
            best = IndexKey.cheaper(best, test.indexKeys());
        }
        return best == null ? List.of() : best;
    }

    @Override
    public void explain(EventView event, Consumer<MatchedField> out) {
        tests.forEach(t -> t.explain(event, out));
    }

    @Override
    public String describe() {
        return tests.stream().map(FieldTest::describe).collect(Collectors.joining(" and "));
    }
}
