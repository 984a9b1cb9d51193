package dev.vigil.alert;

import java.util.List;

/**
 * Published inside the transaction that stores a batch's triage results, before it commits. A listener that
 * writes to the database through the same data source joins that transaction: what it records (the Slack
 * outbox, for one) commits or rolls back together with the triage, never one without the other. A listener
 * must therefore not call out of the process; it records and lets others act after the commit.
 */
public record AlertsTriaged(List<Triaged> alerts) {

    public AlertsTriaged {
        alerts = List.copyOf(alerts);
    }

    /** One alert and the triage just stored for it. */
    public record Triaged(Alert alert, TriageResult triage) {}
}
