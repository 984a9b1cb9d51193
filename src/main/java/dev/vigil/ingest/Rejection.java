package dev.vigil.ingest;

import org.jspecify.annotations.Nullable;

/**
 * A record that could not be turned into an alert: its 0-based position among the records of the input,
 * the 1-based line it starts on where the input is line-oriented, and why it was refused.
 */
public record Rejection(int index, @Nullable Integer line, String error) {}
