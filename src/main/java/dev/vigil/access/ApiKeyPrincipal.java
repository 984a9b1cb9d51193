package dev.vigil.access;

import java.util.UUID;

/** Who is calling, when the caller authenticated with an API key. */
public record ApiKeyPrincipal(UUID keyId, String name, Role role) {}
