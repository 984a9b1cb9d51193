package dev.vigil.access;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, when the caller authenticated with an API key. The role is the key's effective role:
 * never above its user's current role. Keys made before users existed have no user.
 */
public record ApiKeyPrincipal(
        UUID keyId,
        String name,
        Role role,
        @Nullable UUID userId,
        @Nullable String userName,
        Set<KeyScope> scopes,
        @Nullable Instant expiresAt) {

    public ApiKeyPrincipal {
        scopes = Set.copyOf(scopes);
    }

    public ApiKeyPrincipal(UUID keyId, String name, Role role) {
        this(keyId, name, role, null, null, Set.of(), null);
    }

    /** The audit actor and rate-limit key: {@code key:<uuid>}. */
    public String actor() {
        return "key:" + keyId;
    }

    public Set<Permission> permissions() {
        return Grants.permissions(role, scopes);
    }

    public List<String> authorities() {
        return Grants.authorities(role, scopes);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
