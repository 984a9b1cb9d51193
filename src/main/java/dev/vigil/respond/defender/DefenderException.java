package dev.vigil.respond.defender;

import org.jspecify.annotations.Nullable;

/** Something went wrong reaching Defender, Graph or Entra ID for a tenant; messages never hold a secret. */
public abstract sealed class DefenderException extends RuntimeException
        permits DefenderApiError, DefenderUnavailable, TokenRequestFailed, MalformedDefenderResponse {

    private final String tenant;

    DefenderException(String tenant, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.tenant = tenant;
    }

    public String tenant() {
        return tenant;
    }
}
