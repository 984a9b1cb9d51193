package dev.vigil.attack;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Sigma rule's description as loaded: what an alert made from its match shows.
 *
 * @param source the file it came from ({@code builtin:...} for Vigil's own rules)
 * @param logSource product/category/service as the rule wrote it, e.g. {@code windows/process_creation}
 * @param techniques ATT&amp;CK ids from its {@code attack.tNNNN} tags, upper-case
 */
public record DetectionRule(
        String id,
        String title,
        String status,
        String level,
        @Nullable String description,
        List<String> tags,
        List<String> techniques,
        String logSource,
        List<String> falsePositives,
        String source) {

    /** How far a technique tag is trusted, by the rule's maturity: below a sensor's own tag, above heuristics. */
    public double confidence() {
        return switch (status) {
            case "stable" -> 0.85;
            case "test" -> 0.8;
            case "experimental" -> 0.75;
            default -> 0.6;
        };
    }
}
