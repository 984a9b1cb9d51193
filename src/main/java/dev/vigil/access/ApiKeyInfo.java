package dev.vigil.access;

import java.time.Instant;
import java.util.Set;
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
        @Nullable Instant lastUsedAt,
        @Nullable UUID userId,
        @Nullable String userName,
        @Nullable Instant expiresAt,
        Set<KeyScope> scopes) {

    public ApiKeyInfo {
        scopes = Set.copyOf(scopes);
    }

    /** Not revoked (it may still have expired: see {@link #state}). */
    public boolean active() {
        return revokedAt == null;
    }

    /** {@code active}, {@code expired} or {@code revoked}, as listings show it. */
    public String state(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? "expired" : "active";
    }
}
