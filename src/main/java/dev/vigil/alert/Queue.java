package dev.vigil.alert;

import java.util.Locale;

/** The two work queues: priority work is always taken before standard work. */
public enum Queue {
    PRIORITY,
    STANDARD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Routing at ingest, before any scoring: the sensor's own severity is all that is known. */
    public static Queue forSeverity(Severity severity) {
        return severity.isAtLeast(Severity.HIGH) ? PRIORITY : STANDARD;
    }
}
