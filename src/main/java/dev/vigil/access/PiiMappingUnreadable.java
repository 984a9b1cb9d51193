package dev.vigil.access;

/** A stored mapping failed its integrity check: the vault runs with another key, or the row was altered. */
public final class PiiMappingUnreadable extends RuntimeException {

    private PiiMappingUnreadable(String message) {
        super(message);
    }

    public static PiiMappingUnreadable forToken(String token) {
        return new PiiMappingUnreadable("the stored value of " + token
                + " cannot be decrypted: VIGIL_PII_KEY is not the key it was stored with, or the row was altered");
    }

    public static PiiMappingUnreadable wrongKeyVersion(String token, int stored, int current) {
        return new PiiMappingUnreadable("the stored value of " + token + " was encrypted under PII key version "
                + stored + "; this Vigil runs key version " + current);
    }
}
