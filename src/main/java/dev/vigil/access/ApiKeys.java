package dev.vigil.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates, lists, revokes and checks API keys. Keys are stored only as SHA-256 hashes. */
public interface ApiKeys {

    CreatedApiKey create(String name, Role role);

    List<ApiKeyInfo> list();

    /** @throws ApiKeyNotFound when no active key has this id */
    void revoke(UUID id);

    Optional<ApiKeyPrincipal> authenticate(String presentedKey);

    boolean hasActiveAdmin();
}
