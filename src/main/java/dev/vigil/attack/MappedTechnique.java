package dev.vigil.attack;

/**
 * A technique attached to an alert, with where it came from and how sure that source is: the sensor's own
 * tag, a Sigma rule, or one of Vigil's heuristics. {@code evidence} says what matched, for analysts.
 */
public record MappedTechnique(Technique technique, Source source, double confidence, String evidence) {

    /** Where a technique came from, most trusted first. */
    public enum Source {
        NATIVE,
        SIGMA,
        HEURISTIC
    }

    public MappedTechnique {
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence is 0-1: " + confidence);
        }
    }
}
