package dev.vigil.access;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A key to create: what it is for, its role, optionally the user it belongs to (by login name; the role may
 * not exceed the user's), when it expires, and the scopes that narrow it (empty: everything the role allows).
 */
public record NewApiKey(
        String name,
        Role role,
        @Nullable String owner,
        @Nullable Instant expiresAt,
        Set<KeyScope> scopes) {

    public NewApiKey {
        scopes = Set.copyOf(scopes);
    }

    public static NewApiKey of(String name, Role role) {
        return new NewApiKey(name, role, null, null, Set.of());
    }
}
