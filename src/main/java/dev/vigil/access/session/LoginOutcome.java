package dev.vigil.access.session;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** How a sign-in attempt ended. The reason of a refusal is for the audit log only, never for the caller. */
sealed interface LoginOutcome {

    record SignedIn(SignedInUser user) implements LoginOutcome {}

    /**
     * @param login the name tried, normalised and clipped
     * @param lockedUntil set when this very failure locked the account
     */
    record Refused(String login, Reason reason, @Nullable Instant lockedUntil) implements LoginOutcome {}

    enum Reason {
        UNKNOWN_USER,
        BAD_PASSWORD,
        LOCKED,
        DISABLED,
        /** The account signs in only through OpenID Connect. */
        NO_LOCAL_PASSWORD,
        /** OpenID Connect: none of the user's groups maps to a role. */
        NO_ROLE,
        /** OpenID Connect: the provider's answer was refused or invalid (state, signature, nonce...). */
        PROVIDER_REFUSED
    }
}
