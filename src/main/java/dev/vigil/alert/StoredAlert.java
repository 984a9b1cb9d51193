package dev.vigil.alert;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An accepted alert as stored: the canonical alert, where it stands, and its triage once done; who works it
 * and when it was first acknowledged, once someone has.
 */
public record StoredAlert(
        Alert alert,
        AlertStatus status,
        Queue queue,
        @Nullable TriageResult triage,
        @Nullable Instant triagedAt,
        int triageRuns,
        @Nullable String assignee,
        @Nullable Instant acknowledgedAt) {

    /** An alert nobody has assigned or acknowledged yet. */
    public StoredAlert(
            Alert alert,
            AlertStatus status,
            Queue queue,
            @Nullable TriageResult triage,
            @Nullable Instant triagedAt,
            int triageRuns) {
        this(alert, status, queue, triage, triagedAt, triageRuns, null, null);
    }
}
