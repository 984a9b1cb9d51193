package dev.vigil.access.web;

import dev.vigil.access.AccessAdministration;
import dev.vigil.access.ApiKeyInfo;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.CreatedApiKey;
import dev.vigil.access.KeyExpiry;
import dev.vigil.access.KeyScope;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/keys}: list, create (the key is in the answer, once) and revoke API keys. */
@RestController
@RequiresPermission(Permission.KEYS_MANAGE)
class KeysController {

    private final ApiKeys keys;
    private final AccessAdministration administration;

    KeysController(ApiKeys keys, AccessAdministration administration) {
        this.keys = keys;
        this.administration = administration;
    }

    @GetMapping("/api/v1/keys")
    List<KeyView> list() {
        Instant now = Instant.now();
        return keys.list().stream().map(k -> KeyView.of(k, now)).toList();
    }

    @PostMapping("/api/v1/keys")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKeyView create(@RequestBody NewKeyRequest body, Authentication caller, HttpServletRequest request) {
        Instant now = Instant.now();
        NewApiKey key = new NewApiKey(
                AccessRequests.required(body.name(), "name", 100),
                AccessRequests.role(body.role()),
                body.user() == null ? null : AccessRequests.limited(body.user(), "user", 64),
                body.expires() == null
                        ? null
                        : KeyExpiry.parse(AccessRequests.limited(body.expires(), "expires", 40), now),
                AccessRequests.scopes(body.scopes()));
        CreatedApiKey created = administration.createKey(AccessRequests.actor(caller, request), key);
        return new CreatedKeyView(KeyView.of(created.info(), now), created.key());
    }

    @DeleteMapping("/api/v1/keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id, Authentication caller, HttpServletRequest request) {
        UUID keyId;
        try {
            keyId = UUID.fromString(AccessRequests.limited(id, "id", 36));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + AccessRequests.clip(id) + "' is not a key id");
        }
        administration.revokeKey(AccessRequests.actor(caller, request), keyId);
    }

    /** {@code expires}: {@code 90d}, {@code 2027-01-31} or an ISO-8601 instant; {@code scopes}: ingest, read. */
    record NewKeyRequest(
            @Nullable String name,
            @Nullable String role,
            @Nullable String user,
            @Nullable String expires,
            @Nullable List<String> scopes) {}

    record KeyView(
            UUID id,
            String name,
            String role,
            String prefix,
            @Nullable String user,
            List<String> scopes,
            String state,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt) {
        static KeyView of(ApiKeyInfo key, Instant now) {
            return new KeyView(
                    key.id(),
                    key.name(),
                    key.role().id(),
                    key.prefix(),
                    key.userName(),
                    key.scopes().stream().map(KeyScope::id).sorted().toList(),
                    key.state(now),
                    key.createdAt(),
                    key.expiresAt(),
                    key.revokedAt(),
                    key.lastUsedAt());
        }
    }

    /** The only answer that ever carries a key's value. */
    record CreatedKeyView(KeyView key, String apiKey) {}
}
