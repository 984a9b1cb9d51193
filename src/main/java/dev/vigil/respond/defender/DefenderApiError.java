package dev.vigil.respond.defender;

import org.jspecify.annotations.Nullable;

/**
 * Defender (or Graph) refused a request with a 4xx other than 429: its own {@code error.code} and {@code
 * error.message}, and {@code error.target}, the correlation id to quote to Microsoft support.
 */
public final class DefenderApiError extends DefenderException {

    private final int status;
    private final String code;
    private final String defenderMessage;
    private final @Nullable String correlationId;

    DefenderApiError(String tenant, int status, String code, String defenderMessage, @Nullable String correlationId) {
        super(
                tenant,
                "Defender answered " + status + " " + code + ": " + defenderMessage + " (tenant " + tenant + ")",
                null);
        this.status = status;
        this.code = code;
        this.defenderMessage = defenderMessage;
        this.correlationId = correlationId;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String defenderMessage() {
        return defenderMessage;
    }

    public @Nullable String correlationId() {
        return correlationId;
    }
}
