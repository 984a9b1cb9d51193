package dev.vigil.alert;

/**
 * Whether a record is an alert a sensor raised, or an event kept as context (a Sysmon event, a Zeek
 * connection, a Suricata flow) that detection may later turn into an alert.
 */
public enum AlertKind {
    ALERT,
    EVENT
}
