package dev.vigil.respond.defender;

/** Defender answered 2xx with a body that is not the JSON its API documents. */
public final class MalformedDefenderResponse extends DefenderException {

    public MalformedDefenderResponse(String tenant, String message, Throwable cause) {
        super(tenant, message, cause);
    }
}
