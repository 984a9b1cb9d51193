package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A compiled Sigma condition: selections combined with and, or and not. */
sealed interface Condition {

    boolean test(EventView event);

    /** Collects the fields of selections that matched in a positive position. */
    void explain(EventView event, Consumer<MatchedField> out);

    /** Index keys of which every matching event has one, or null when the condition cannot be indexed. */
    @Nullable
    List<IndexKey> necessaryKeys();

    record Ref(Selection selection) implements Condition {
        @Override
        public boolean test(EventView event) {
            return selection.test(event);
        }

        @Override
        public void explain(EventView event, Consumer<MatchedField> out) {
            selection.explain(event, out);
        }

        @Override
        public @Nullable List<IndexKey> necessaryKeys() {
            return selection.necessaryKeys();
        }
    }

    record And(List<Condition> terms) implements Condition {
        @Override
        public boolean test(EventView event) {
            for (Condition term : terms) {
                if (!term.test(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void explain(EventView event, Consumer<MatchedField> out) {
            terms.forEach(t -> t.explain(event, out));
        }

        @Override
        public @Nullable List<IndexKey> necessaryKeys() {
            List<IndexKey> best = null;
            for (Condition term : terms) {
                List<IndexKey> keys = term.necessaryKeys();
                best = IndexKey.cheaper(best, keys);
            }
            return best;
        }
    }

    record Or(List<Condition> terms) implements Condition {
        @Override
        public boolean test(EventView event) {
            for (Condition term : terms) {
                if (term.test(event)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void explain(EventView event, Consumer<MatchedField> out) {
            for (Condition term : terms) {
                if (term.test(event)) {
                    term.explain(event, out);
                }
            }
        }

        @Override
        public @Nullable List<IndexKey> necessaryKeys() {
            List<IndexKey> all = new ArrayList<>();
            for (Condition term : terms) {
                List<IndexKey> keys = term.necessaryKeys();
                if (keys == null) {
                    return null;
                }
                all.addAll(keys);
            }
            return all;
        }
    }

    record Not(Condition term) implements Condition {
        @Override
        public boolean test(EventView event) {
            return !term.test(event);
        }

        @Override
        public void explain(EventView event, Consumer<MatchedField> out) {
            // what did not match is no reason an analyst can check in the event
        }

        @Override
        public @Nullable List<IndexKey> necessaryKeys() {
            return null;
        }
    }
}
