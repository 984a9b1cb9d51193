package dev.vigil.attack.sigma;

/** {@code field|re: pattern}: the pattern found anywhere in the value (case-sensitive unless {@code |i}). */
record RegexTest(String field, java.util.List<BoundedRegex> patterns, java.util.List<String> text, boolean all)
        implements FieldTest {

    @Override
    public boolean test(EventView event) {
        String value = event.value(field);
        if (value == null) {
            return false;
        }
        for (BoundedRegex pattern : patterns) {
            boolean hit = pattern.find(value);
            if (hit != all) {
                return hit;
            }
        }
        return all;
    }

    @Override
    public String describe() {
        return "matches /" + String.join("/, /", text) + "/";
    }
}
