package dev.vigil.access;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person who signs in to the dashboard or owns API keys. The password hash never leaves storage. */
public record User(
        UUID id,
        String name,
        @Nullable String email,
        Role role,
        boolean hasPassword,
        Instant createdAt,
        @Nullable Instant disabledAt) {

    public boolean enabled() {
        return disabledAt == null;
    }
}
