package dev.vigil.notify.summary;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The daily summary's content, as the API returns it and the CLI prints it. Counts cover alerts (not
 * context events) received in {@code [from, to)}. Maps keep a stable order: every class, severity and
 * category is present (zero when none); sources appear when seen, most frequent first.
 */
public record SummaryReport(
        Instant from,
        Instant to,
        Totals totals,
        Map<String, Long> categories,
        List<Ranked> topTechniques,
        List<Ranked> topHosts,
        List<Ranked> topUsers,
        List<Notable> notable,
        Acknowledgement acknowledgement,
        FalsePositives falsePositives,
        Previous previous,
        Change change) {

    /** Totals by risk class ({@code UNSCORED} before triage), severity and source. */
    public record Totals(
            long alerts, Map<String, Long> byClass, Map<String, Long> bySeverity, Map<String, Long> bySource) {}

    /** A technique id, host or user and how many alerts named it. */
    public record Ranked(String name, long alerts) {}

    /** One of the period's highest-risk alerts. */
    public record Notable(
            String id,
            String title,
            @Nullable Integer riskScore,
            @Nullable String riskClass,
            String severity,
            String source,
            String queue,
            Instant receivedAt) {}

    /**
     * Mean time from receipt to acknowledgement over the alerts acknowledged so far (those with {@code
     * acknowledged_at}); null when none is.
     */
    public record Acknowledgement(
            long acknowledged, @Nullable Double meanSeconds) {}

    /** Analyst verdicts: false positives among closed alerts (resolved or false positive); rate null when none. */
    public record FalsePositives(
            long falsePositives, long closed, @Nullable Double rate) {}

    /** The period of the same length just before this one. */
    public record Previous(Instant from, Instant to, long alerts, Map<String, Long> byClass) {}

    /** This period against the previous one: difference in count, and in percent (null when it had none). */
    public record Delta(long count, @Nullable Double percent) {
        static Delta between(long previous, long current) {
            return new Delta(current - previous, previous == 0 ? null : (current - previous) * 100.0 / previous);
        }
    }

    /** Change of the total and of each class. */
    public record Change(Delta alerts, Map<String, Delta> byClass) {}
}
