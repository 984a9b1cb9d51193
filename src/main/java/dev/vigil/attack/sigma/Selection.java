package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A named detection item: alternatives (a list of maps, or keywords) of which any may match, each
 * alternative a conjunction of field tests (one map).
 */
record Selection(String name, List<List<FieldTest>> alternatives) {

    boolean test(EventView event) {
        for (List<FieldTest> alternative : alternatives) {
            if (all(alternative, event)) {
                return true;
            }
        }
        return false;
    }

    private static boolean all(List<FieldTest> tests, EventView event) {
        for (FieldTest test : tests) {
            if (!test.test(event)) {
                return false;
            }
        }
        return true;
    }

    void explain(EventView event, Consumer<MatchedField> out) {
        for (List<FieldTest> alternative : alternatives) {
            if (all(alternative, event)) {
                alternative.forEach(t -> t.explain(event, out));
                return;
            }
        }
    }

    /** Index keys of which every matching event has one; null when the selection cannot be indexed. */
    @Nullable
    List<IndexKey> necessaryKeys() {
        List<IndexKey> keys = new ArrayList<>();
        for (List<FieldTest> alternative : alternatives) {
            List<IndexKey> best = null;
            for (FieldTest test : alternative) {
                List<IndexKey> k = test.indexKeys();
                best = IndexKey.cheaper(best, k);
            }
            if (best == null) {
                return null;
            }
            keys.addAll(best);
        }
        return keys;
    }
}
