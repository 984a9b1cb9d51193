package dev.vigil.notify.outbox;

/** What a row of the outbox stands for. */
enum NotificationKind {
    /** The top-level message of one alert. */
    ALERT,
    /** The one thread reply counting repeats of an alert already posted. */
    DUPLICATES,
    /** A text another module posts through {@link dev.vigil.notify.SlackOutbox}, identified by its key. */
    POST
}
