package dev.vigil.alert;

/** Direction of a connection relative to the monitored network, as far as the source tells it. */
public enum Direction {
    INBOUND,
    OUTBOUND,
    INTERNAL,
    UNKNOWN
}
