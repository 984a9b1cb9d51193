package dev.vigil.access;

/** A key just created: the only moment its secret value exists outside the caller's hands. */
public record CreatedApiKey(ApiKeyInfo info, String key) {

    @Override
    public String toString() {
        return "CreatedApiKey[" + info + ", key=<hidden>]";
    }
}
