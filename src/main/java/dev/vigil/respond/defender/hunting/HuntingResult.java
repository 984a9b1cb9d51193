package dev.vigil.respond.defender.hunting;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What an advanced-hunting query answered: its columns, its rows (at most the caller's row cap), how many
 * rows are given, and whether Graph returned more than the cap.
 */
public record HuntingResult(List<Column> schema, List<JsonNode> results, int rowCount, boolean truncated) {

    public HuntingResult {
        schema = List.copyOf(schema);
        results = List.copyOf(results);
    }

    /** One column as KQL named and typed it ({@code DateTime}, {@code String}, {@code Int64}, ...). */
    public record Column(String name, String type) {}
}
