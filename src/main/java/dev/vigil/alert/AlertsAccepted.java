package dev.vigil.alert;

/** Published after alerts are committed, so idle workers can start on them at once. */
public record AlertsAccepted(int count) {}
