package dev.vigil.access.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the columns of {@code audit_log}, details as a flat JSON object of strings. */
final class AuditRows {

    static final String COLUMNS =
            "seq, id, at, actor, action, target, outcome, ip, user_agent, details, prev_hash, hash";

    /**
     * Marks a detail that is not a string in storage. No writer stores one (NUL is cleaned out of every value),
     * so a row whose details were edited into numbers or objects can never hash to what was written.
     */
    private static final String NOT_A_STRING = "\u0000";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditRows() {}

    static AuditRow read(ResultSet rs) throws SQLException {
        return new AuditRow(
                rs.getLong("seq"),
                rs.getObject("id", UUID.class),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("outcome"),
                rs.getString("ip"),
                rs.getString("user_agent"),
                details(rs.getString("details")),
                rs.getBytes("prev_hash"),
                rs.getBytes("hash"));
    }

    static String json(Map<String, String> details) {
        return JSON.writeValueAsString(details);
    }

    static Map<String, String> details(String json) {
        JsonNode node = JSON.readTree(json);
        Map<String, String> details = new LinkedHashMap<>();
        if (!node.isObject()) {
            details.put(NOT_A_STRING, json);
            return details;
        }
        for (var field : node.properties()) {
            JsonNode value = field.getValue();
            details.put(field.getKey(), value.isString() ? value.asString() : NOT_A_STRING + value);
        }
        return details;
    }
}
