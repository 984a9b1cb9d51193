package dev.vigil.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user or key may do: analysts read and work alerts, engineers also respond, admins manage Vigil. */
public enum Role {
    ANALYST,
    ENGINEER,
    ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values())
                .filter(r -> r.id().equalsIgnoreCase(id.trim()))
                .findFirst();
    }
}
