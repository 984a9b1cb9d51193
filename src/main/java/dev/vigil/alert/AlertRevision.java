package dev.vigil.alert;

import java.time.Instant;

/**
 * One version of an alert from a source that changes its alerts and sends them again (Defender, Graph):
 * the alert as parsed and the source's own time of this version ({@code lastUpdateDateTime}).
 */
public record AlertRevision(Alert alert, Instant revisedAt) {}
