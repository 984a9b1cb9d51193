package dev.vigil.alert.store;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertStatus;
import dev.vigil.alert.AlertTechnique;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Queue;
import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.TriageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Maps alert rows to {@link StoredAlert} and entities to and from their JSON column. */
@Component
class AlertRows implements RowMapper<StoredAlert> {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<AlertTechnique>> TECHNIQUES = new TypeReference<>() {};

    private final JsonMapper json;

    AlertRows(JsonMapper json) {
        this.json = json;
    }

    String entitiesJson(Entities entities) {
        return json.writeValueAsString(entities);
    }

    String factorsJson(List<String> factors) {
        return json.writeValueAsString(factors);
    }

    String techniquesJson(List<AlertTechnique> techniques) {
        return json.writeValueAsString(techniques);
    }

    @Override
    public StoredAlert mapRow(ResultSet rs, int rowNum) throws SQLException {
        Alert alert = new Alert(
                new AlertId(rs.getObject("id", UUID.class)),
                AlertKind.valueOf(rs.getString("kind")),
                SourceFormat.fromId(rs.getString("source")).orElseThrow(),
                rs.getString("native_id"),
                rs.getTimestamp("received_at").toInstant(),
                instant(rs.getTimestamp("occurred_at")),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("native_severity"),
                Severity.valueOf(rs.getString("severity")),
                rs.getString("category"),
                json.readValue(rs.getString("entities"), Entities.class),
                rs.getString("tenant"),
                rs.getString("raw"));
        Queue queue = Queue.valueOf(rs.getString("queue").toUpperCase(Locale.ROOT));
        TriageResult triage = null;
        int risk = rs.getInt("risk_score");
        if (!rs.wasNull()) {
            triage = new TriageResult(
                    risk,
                    RiskClass.valueOf(rs.getString("risk_class")),
                    queue,
                    json.readValue(rs.getString("score_factors"), STRINGS),
                    rs.getInt("damage_score"),
                    json.readValue(rs.getString("techniques"), TECHNIQUES));
        }
        return new StoredAlert(
                alert,
                AlertStatus.valueOf(rs.getString("status")),
                queue,
                triage,
                instant(rs.getTimestamp("triaged_at")),
                rs.getInt("triage_runs"),
                rs.getString("assignee"),
                instant(rs.getTimestamp("acknowledged_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
