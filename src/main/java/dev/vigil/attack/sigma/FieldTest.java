package dev.vigil.attack.sigma;

import dev.vigil.attack.MatchedField;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** One compiled {@code field|modifiers: values} item of a selection. */
interface FieldTest {

    boolean test(EventView event);

    /** The field the test reads, or null for keyword tests that search every field. */
    @Nullable
    String field();

    /** Keys that at least one of which every matching event has, for the rule index; empty when unknown. */
    default List<IndexKey> indexKeys() {
        return List.of();
    }

    /** Says what matched, for the analyst; called only after {@link #test} was true. */
    default void explain(EventView event, Consumer<MatchedField> out) {
        String f = field();
        if (f != null) {
            String value = event.value(f);
            out.accept(new MatchedField(f, value == null ? "" : value, describe()));
        }
    }

    /** The test as the rule wrote it, e.g. {@code endswith \powershell.exe}. */
    String describe();
}
