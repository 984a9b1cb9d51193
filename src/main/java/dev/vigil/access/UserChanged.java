package dev.vigil.access;

import java.util.UUID;

/** A user's role, password or state changed: whatever was cached about their keys or sessions is stale. */
public record UserChanged(UUID userId) {}
