package dev.vigil.alert;

/** Where an alert stands in the analyst's workflow. */
public enum AlertStatus {
    NEW,
    TRIAGED,
    ACKNOWLEDGED,
    RESOLVED,
    FALSE_POSITIVE
}
