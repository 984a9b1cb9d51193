package dev.vigil.notify.summary;

/** What the scheduled summary does on Saturday and Sunday ({@code vigil.summary.weekends}). */
public enum WeekendPolicy {
    /** No report on the weekend; Monday's covers the 72 hours since Friday's. */
    SKIP,
    /** A 24-hour report every day, Monday's included. */
    DAILY
}
