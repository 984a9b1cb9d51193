package dev.vigil.access;

/** No active key has the given id. */
public final class ApiKeyNotFound extends RuntimeException {

    private ApiKeyNotFound(String message) {
        super(message);
    }

    public static ApiKeyNotFound forId(String id) {
        return new ApiKeyNotFound("no active API key with id " + id);
    }
}
