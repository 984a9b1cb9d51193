package dev.vigil.respond.defender.rules;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Every custom detection rule of a tenant at one moment, as Graph holds them: one JSON document to keep. */
public record RuleBackup(String tenant, Instant takenAt, List<JsonNode> rules) {}
