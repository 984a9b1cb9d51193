package dev.vigil.respond.defender;

import org.jspecify.annotations.Nullable;

/** One indicator of a bulk import: Defender's id when it took it, or why it did not. */
public record ImportOutcome(
        String indicator,
        @Nullable String id,
        boolean failed,
        @Nullable String failureReason) {}
