package dev.vigil.access.web;

import dev.vigil.access.Actor;
import dev.vigil.access.KeyScope;
import dev.vigil.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;

/** Reading what the key and user endpoints are sent: the acting principal, roles and scopes by name. */
final class AccessRequests {

    private static final int MAX_ECHO = 32;

    private AccessRequests() {}

    static Actor actor(Authentication authentication, HttpServletRequest request) {
        return new Actor(authentication.getName(), request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }

    static Role role(@Nullable String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("role is required: analyst, engineer or admin");
        }
        return Role.fromId(id)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown role '" + clip(id) + "': use analyst, engineer or admin"));
    }

    static Set<KeyScope> scopes(@Nullable List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        if (ids.size() > KeyScope.values().length) {
            throw new IllegalArgumentException("too many scopes");
        }
        EnumSet<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        for (String id : ids) {
            scopes.add(KeyScope.fromId(id == null ? "" : id)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown scope '" + clip(String.valueOf(id)) + "': use ingest or read")));
        }
        return scopes;
    }

    static String required(@Nullable String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return limited(value, field, max);
    }

    static String limited(String value, String field, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " has at most " + max + " characters");
        }
        return value;
    }

    static String clip(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }
}
