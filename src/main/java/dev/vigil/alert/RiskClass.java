package dev.vigil.alert;

/** The class an alert's risk score falls into; analysts sort and filter by it. */
public enum RiskClass {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
