package dev.vigil.alert;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An accepted alert as stored: the canonical alert, where it stands, and its triage once done. */
public record StoredAlert(
        Alert alert,
        AlertStatus status,
        Queue queue,
        @Nullable TriageResult triage,
        @Nullable Instant triagedAt,
        int triageRuns) {}
