package dev.vigil.access.web;

import dev.vigil.access.ApiKeyPrincipal;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: who the caller is and what they may do, for the dashboard to show and hide what
 * fits. Read from the authorities, so it answers the same for a key and a dashboard session.
 */
@RestController
class MeController {

    /** Every role holds status:read; a key scoped to ingest only does not need to ask. */
    @GetMapping("/api/v1/me")
    @RequiresPermission(Permission.STATUS_READ)
    Me me(Authentication caller) {
        Set<String> authorities = caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        String role = authorities.stream()
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5).toLowerCase(Locale.ROOT))
                .findFirst()
                .orElse(null);
        List<String> permissions = Arrays.stream(Permission.values())
                .filter(p -> authorities.contains(p.authority()))
                .map(Permission::id)
                .toList();
        List<String> scopes = authorities.stream()
                .filter(a -> a.startsWith("SCOPE_"))
                .map(a -> a.substring(6))
                .sorted()
                .toList();
        if (caller.getPrincipal() instanceof ApiKeyPrincipal key) {
            return new Me(
                    caller.getName(),
                    "key",
                    role,
                    permissions,
                    scopes,
                    key.userName(),
                    key.keyId(),
                    key.name(),
                    key.expiresAt());
        }
        String name = caller.getName();
        return new Me(
                name,
                "user",
                role,
                permissions,
                scopes,
                name.startsWith("user:") ? name.substring(5) : name,
                null,
                null,
                null);
    }

    record Me(
            String actor,
            String kind,
            @Nullable String role,
            List<String> permissions,
            List<String> scopes,
            @Nullable String user,
            @Nullable UUID keyId,
            @Nullable String keyName,
            @Nullable Instant expiresAt) {}
}
