package dev.vigil.attack;

/** A field whose value made a rule match, and the test it passed: the reason shown to analysts. */
public record MatchedField(String field, String value, String test) {

    /** Values this long are cut in explanations; the full value is in the raw event. */
    public static final int MAX_VALUE_LENGTH = 300;

    public MatchedField {
        // one line per field in explanations, whatever line breaks and tabs the event's value holds
        value = value.strip().replaceAll("\\s+", " ");
        if (value.length() > MAX_VALUE_LENGTH) {
            value = value.substring(0, MAX_VALUE_LENGTH - 1) + "…";
        }
    }

    @Override
    public String toString() {
        return field + " " + test + " (" + value + ")";
    }
}
