package dev.vigil.attack.sigma;

import java.util.List;

/** {@code field|fieldref: other}: the field's value compared with another field's value of the same event. */
record FieldRefTest(String field, List<String> others, StringPattern.Position position, boolean cased)
        implements FieldTest {

    @Override
    public boolean test(EventView event) {
        String value = cased ? event.value(field) : event.lower(field);
        if (value == null) {
            return false;
        }
        for (String other : others) {
            String reference = event.value(other);
            if (reference != null
                    && StringPattern.literal(reference, position, cased).matches(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return "equals field " + String.join(", ", others);
    }
}
