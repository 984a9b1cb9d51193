package dev.vigil.notify.summary;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One summary delivery as {@code summary_run} records it: which period, whether it was the schedule's or
 * asked for by someone, how far it got ({@code slackTs} once the message is posted), and how it ended.
 */
public record SummaryRun(
        UUID id,
        Kind kind,
        Instant periodStart,
        Instant periodEnd,
        State state,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable String requestedBy,
        @Nullable String slackTs,
        @Nullable String chartFileId,
        @Nullable Instant sentAt) {

    public enum Kind {
        SCHEDULED,
        MANUAL
    }

    public enum State {
        /** Not delivered yet: being tried, or waiting for its next attempt. */
        PENDING,
        SENT,
        /** Given up: a permanent refusal, or too many failed attempts; {@code lastError} says why. */
        FAILED
    }

    public SummaryPeriod period() {
        return new SummaryPeriod(periodStart, periodEnd);
    }
}
