package dev.vigil.respond.defender.rules;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A backup to put back ({@link RuleBackup}'s fields), with the reason for doing so and, with {@code dryRun},
 * only the answer of what would change. {@code tenant} and {@code takenAt} say where the backup came from.
 */
public record RuleRestore(
        @Nullable String tenant,
        @Nullable Instant takenAt,
        @Nullable List<JsonNode> rules,
        @Nullable String reason,
        @Nullable Boolean dryRun) {

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}
