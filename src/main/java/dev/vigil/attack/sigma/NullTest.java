package dev.vigil.attack.sigma;

/** {@code field: null}: the field is absent or empty. */
record NullTest(String field) implements FieldTest {

    @Override
    public boolean test(EventView event) {
        String value = event.value(field);
        return value == null || value.isEmpty();
    }

    @Override
    public String describe() {
        return "is empty";
    }
}
