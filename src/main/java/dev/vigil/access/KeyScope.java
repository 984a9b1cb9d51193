package dev.vigil.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Narrows what a key may do below its role: a scoped key holds only the permissions its role grants and
 * one of its scopes allows. A sensor key gets {@code ingest}; a read-only integration gets {@code read}.
 */
public enum KeyScope {
    /** Only sending alerts and events. */
    INGEST,
    /** Only reading: every permission whose id ends in {@code :read}. */
    READ;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean allows(Permission permission) {
        return switch (this) {
            case INGEST -> permission == Permission.ALERTS_INGEST;
            case READ -> permission.id().endsWith(":read");
        };
    }

    /** The Spring Security authority that marks a key with this scope, e.g. {@code SCOPE_ingest}. */
    public String authority() {
        return "SCOPE_" + id();
    }

    public static Optional<KeyScope> fromId(String id) {
        return Arrays.stream(values())
                .filter(s -> s.id().equalsIgnoreCase(id.trim()))
                .findFirst();
    }
}
