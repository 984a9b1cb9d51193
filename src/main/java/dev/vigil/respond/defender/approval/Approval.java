package dev.vigil.respond.defender.approval;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A held operation as the API shows it: what was asked, by whom, what it would affect, and what became of it. */
public record Approval(
        UUID id,
        String tenant,
        String operation,
        String target,
        JsonNode request,
        JsonNode preview,
        String reason,
        String requestedBy,
        Instant requestedAt,
        Instant expiresAt,
        String status,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String decisionComment,
        @Nullable JsonNode result,
        @Nullable String error) {}
