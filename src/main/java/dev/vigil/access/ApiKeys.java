package dev.vigil.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates, lists, revokes and checks API keys. Keys are stored only as SHA-256 hashes. */
public interface ApiKeys {

    /**
     * @throws UserNotFound when the owner does not exist
     * @throws IllegalArgumentException when the name is unusable, the role exceeds the owner's, the owner
     *     is disabled or the expiry is not in the future
     */
    CreatedApiKey create(NewApiKey key);

    default CreatedApiKey create(String name, Role role) {
        return create(NewApiKey.of(name, role));
    }

    List<ApiKeyInfo> list();

    /** @throws ApiKeyNotFound when no active key has this id */
    void revoke(UUID id);

    /**
     * Checks a presented key. Expiry is checked on every call; a revocation or a user's change takes effect
     * at once on this instance and within a few seconds (a short cache) on the others.
     */
    KeyCheck check(String presentedKey);

    default Optional<ApiKeyPrincipal> authenticate(String presentedKey) {
        return check(presentedKey) instanceof KeyCheck.Accepted accepted
                ? Optional.of(accepted.principal())
                : Optional.empty();
    }

    boolean hasActiveAdmin();
}
