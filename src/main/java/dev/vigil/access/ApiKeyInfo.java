package dev.vigil.access;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What is known of a key after it was created: never the key itself, only its first characters. */
public record ApiKeyInfo(
        UUID id,
        String name,
        Role role,
        String prefix,
        Instant createdAt,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
