package dev.vigil.ingest.parse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One top-level JSON record of an input: its position, the line it starts on (when the input has lines),
 * the parsed tree and the exact text it was parsed from.
 */
record JsonRecord(int index, @Nullable Integer line, JsonNode node, String raw) {}
