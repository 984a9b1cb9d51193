package dev.vigil.access;

/** No user has the given login name or id. */
public final class UserNotFound extends RuntimeException {

    private UserNotFound(String message) {
        super(message);
    }

    public static UserNotFound named(String name) {
        return new UserNotFound("no user named " + (name.length() <= 64 ? name : name.substring(0, 64) + "…"));
    }
}
