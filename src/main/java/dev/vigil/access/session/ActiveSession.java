package dev.vigil.access.session;

import java.time.Instant;

/** A valid session found from its cookie: who it belongs to, its CSRF token, and when it ends at the latest. */
record ActiveSession(String token, SignedInUser user, String csrfToken, Instant expiresAt) {

    /** The request attribute under which the session filter leaves the session for CSRF and the handlers. */
    static final String ATTRIBUTE = ActiveSession.class.getName();

    @Override
    public String toString() {
        return "ActiveSession[" + user.getName() + ", expires " + expiresAt + "]";
    }
}
