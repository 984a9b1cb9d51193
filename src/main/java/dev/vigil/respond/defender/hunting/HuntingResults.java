package dev.vigil.respond.defender.hunting;

import dev.vigil.respond.defender.MalformedDefenderResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Graph's {@code huntingQueryResults}. The documentation shows both {@code schema}/{@code name} and
 * {@code Schema}/{@code Name} (external-apis §3.4, §2.8), so every key is matched without regard to case.
 */
final class HuntingResults {

    private HuntingResults() {}

    /** The answer's schema and at most {@code maxRows} of its rows. */
    static HuntingResult parse(String tenant, @Nullable JsonNode body, int maxRows) {
        if (body == null || !body.isObject()) {
            throw malformed(tenant, "runHuntingQuery answered without a JSON object");
        }
        JsonNode results = field(body, "results");
        if (results == null || !results.isArray()) {
            throw malformed(tenant, "runHuntingQuery answered without a 'results' array");
        }
        List<HuntingResult.Column> schema = new ArrayList<>();
        JsonNode columns = field(body, "schema");
        if (columns != null && columns.isArray()) {
            for (JsonNode column : columns) {
                JsonNode name = field(column, "name");
                if (name != null && name.isString()) {
                    JsonNode type = field(column, "type");
                    schema.add(new HuntingResult.Column(
                            name.asString(), type != null && type.isString() ? type.asString() : "Unknown"));
                }
            }
        }
        List<JsonNode> rows = new ArrayList<>(Math.min(results.size(), maxRows));
        for (JsonNode row : results) {
            if (rows.size() == maxRows) {
                break;
            }
            rows.add(row);
        }
        return new HuntingResult(schema, rows, rows.size(), results.size() > rows.size());
    }

    /** The value of {@code name} in {@code node}, matched case-insensitively; an exact match wins. */
    static @Nullable JsonNode field(JsonNode node, String name) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static MalformedDefenderResponse malformed(String tenant, String message) {
        return new MalformedDefenderResponse(tenant, message, new IllegalStateException(message));
    }
}
