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

    /** Names the pattern that matched, not the whole list (as {@link StringTest} does). */
    @Override
    public void explain(EventView event, java.util.function.Consumer<dev.vigil.attack.MatchedField> out) {
        String value = event.value(field);
        if (value == null) {
            return;
        }
        java.util.List<String> shown = text;
        if (!all) {
            for (int i = 0; i < patterns.size(); i++) {
                if (patterns.get(i).find(value)) {
                    shown = java.util.List.of(text.get(i));
                    break;
                }
            }
        }
        out.accept(new dev.vigil.attack.MatchedField(field, value, describe(shown)));
    }

    @Override
    public String describe() {
        return describe(text);
    }

    private static String describe(java.util.List<String> shown) {
        return "matches /" + String.join("/, /", shown) + "/";
    }
}
