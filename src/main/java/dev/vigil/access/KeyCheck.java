package dev.vigil.access;

/** The answer to a presented API key: accepted with its principal, or refused with the reason to tell the caller. */
public sealed interface KeyCheck {

    record Accepted(ApiKeyPrincipal principal) implements KeyCheck {}

    record Refused(Reason reason) implements KeyCheck {}

    /** Why a key was refused; the message is safe to return (it says nothing of other keys). */
    enum Reason {
        INVALID_OR_REVOKED("the API key is not valid or has been revoked"),
        EXPIRED("the API key has expired"),
        USER_DISABLED("the API key belongs to a disabled user");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }
}
