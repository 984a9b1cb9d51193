package dev.vigil.attack.sigma;

/** {@code field|exists: true|false}. */
record ExistsTest(String field, boolean exists) implements FieldTest {

    @Override
    public boolean test(EventView event) {
        return (event.value(field) != null) == exists;
    }

    @Override
    public String describe() {
        return exists ? "exists" : "does not exist";
    }
}
