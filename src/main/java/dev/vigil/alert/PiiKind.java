package dev.vigil.alert;

/** The kinds of personal data the alert model knows where to find. */
public enum PiiKind {
    /** An account name of a user entity (not a UPN: those are {@link #EMAIL}). */
    USER_NAME,
    /** An e-mail address: a user entity named by UPN, or an address written in a text field. */
    EMAIL,
    HOST_NAME,
    /** An IP address inside the monitored networks; external addresses are threat intelligence and stay. */
    INTERNAL_IP
}
