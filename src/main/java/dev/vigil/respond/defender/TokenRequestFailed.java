package dev.vigil.respond.defender;

import org.jspecify.annotations.Nullable;

/**
 * Entra ID refused (or could not answer) a client-credentials token request: the tenant, the OAuth error
 * ({@code invalid_client}, ...) and the AADSTS code that says why ({@code AADSTS7000215}: wrong secret).
 */
public final class TokenRequestFailed extends DefenderException {

    private final @Nullable String aadsts;
    private final @Nullable String oauthError;

    TokenRequestFailed(String tenant, @Nullable String oauthError, @Nullable String aadsts, @Nullable Throwable cause) {
        super(
                tenant,
                "token request for tenant '" + tenant + "' failed: " + (aadsts != null ? aadsts : "no AADSTS code")
                        + (oauthError != null ? " (" + oauthError + ")" : ""),
                cause);
        this.aadsts = aadsts;
        this.oauthError = oauthError;
    }

    public @Nullable String aadsts() {
        return aadsts;
    }

    public @Nullable String oauthError() {
        return oauthError;
    }
}
