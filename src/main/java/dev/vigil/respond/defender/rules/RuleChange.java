package dev.vigil.respond.defender.rules;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A rule to create, or the fields of one to change, with the reason (audited). */
public record RuleChange(@Nullable String reason, @Nullable JsonNode rule) {}
