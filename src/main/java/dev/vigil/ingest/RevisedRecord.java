package dev.vigil.ingest;

import java.time.Instant;

/**
 * One record from a source that changes its alerts and sends them again (a polled Graph alert): its text and
 * the source's time of this version ({@code lastUpdateDateTime}), which orders the versions.
 */
public record RevisedRecord(byte[] text, Instant revisedAt) {}
