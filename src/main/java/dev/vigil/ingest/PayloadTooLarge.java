package dev.vigil.ingest;

/** A request body over the configured size limit; nothing of it was stored. */
public final class PayloadTooLarge extends RuntimeException {

    private PayloadTooLarge(String message) {
        super(message);
    }

    public static PayloadTooLarge over(long limitBytes) {
        return new PayloadTooLarge("the request body is larger than the limit of " + limitBytes + " bytes");
    }
}
