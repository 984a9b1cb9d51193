package dev.vigil.alert.store;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertNotFound;
import dev.vigil.alert.AlertPage;
import dev.vigil.alert.AlertQuery;
import dev.vigil.alert.AlertRevision;
import dev.vigil.alert.AlertStatus;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.StoredRevisions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Alerts in PostgreSQL, appended in batches together with their work items. */
@Repository
class JdbcAlertStore implements AlertStore {

    private static final String INSERT_ALERT = """
            insert into alert (id, kind, source, native_id, tenant, received_at, occurred_at, title, description,
                               native_severity, severity, category, entities, raw, queue)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""";
    private static final String INSERT_WORK = "insert into work_item (alert_id, queue) values (?, ?)";
    private static final int BATCH = 500;
    private static final String REVISE_ALERT = """
            update alert set occurred_at = ?, title = ?, description = ?, native_severity = ?, severity = ?,
                             category = ?, entities = ?::jsonb, raw = ?, source_updated_at = ?,
                             revision = revision + 1, revised_at = now()
             where id = ? and (source_updated_at is null or source_updated_at < ?)""";

    private final JdbcTemplate jdbc;
    private final AlertRows rows;

    JdbcAlertStore(JdbcTemplate jdbc, AlertRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    @Transactional
    public void append(List<Alert> alerts) {
        for (int from = 0; from < alerts.size(); from += BATCH) {
            List<Alert> chunk = alerts.subList(from, Math.min(alerts.size(), from + BATCH));
            jdbc.batchUpdate(INSERT_ALERT, chunk, chunk.size(), this::bindAlert);
            jdbc.batchUpdate(INSERT_WORK, chunk, chunk.size(), (ps, alert) -> {
                ps.setObject(1, alert.id().value());
                ps.setString(2, alert.intakeQueue().id());
            });
        }
    }

    @Override
    @Transactional
    public StoredRevisions appendOrRevise(List<AlertRevision> revisions) {
        List<AlertId> added = new ArrayList<>();
        List<AlertId> revised = new ArrayList<>();
        int unchanged = 0;
        for (AlertRevision revision : revisions) {
            Alert alert = revision.alert();
            // timestamptz keeps microseconds; comparing at that precision keeps a re-sent version unchanged.
            Instant revisedAt = revision.revisedAt().truncatedTo(ChronoUnit.MICROS);
            UUID stored = alert.nativeId() == null ? null : lockedStoredId(alert);
            if (stored == null) {
                append(List.of(alert));
                jdbc.update(
                        "update alert set source_updated_at = ? where id = ?",
                        Timestamp.from(revisedAt),
                        alert.id().value());
                added.add(alert.id());
            } else if (jdbc.update(REVISE_ALERT, ps -> bindRevision(ps, alert, stored, revisedAt)) > 0) {
                revised.add(new AlertId(stored));
            } else {
                unchanged++;
            }
        }
        return new StoredRevisions(added, revised, unchanged);
    }

    /**
     * The stored alert with this alert's source, tenant and native id, under a transaction lock on that key so
     * that two callers cannot both find none and insert it twice. The oldest wins where pushes stored several.
     */
    private @Nullable UUID lockedStoredId(Alert alert) {
        String key =
                alert.source().id() + "\n" + (alert.tenant() == null ? "" : alert.tenant()) + "\n" + alert.nativeId();
        jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(?, 7))", key);
        return jdbc.queryForList("""
                        select id from alert
                         where source = ? and native_id = ? and tenant is not distinct from ?
                         order by id limit 1""", UUID.class, alert.source().id(), alert.nativeId(), alert.tenant()).stream()
                .findFirst()
                .orElse(null);
    }

    private void bindRevision(PreparedStatement ps, Alert alert, UUID stored, Instant revisedAt) throws SQLException {
        setTimestamp(ps, 1, alert.occurredAt());
        ps.setString(2, alert.title());
        ps.setString(3, alert.description());
        ps.setString(4, alert.nativeSeverity());
        ps.setString(5, alert.severity().name());
        ps.setString(6, alert.category());
        ps.setString(7, rows.entitiesJson(alert.entities()));
        ps.setString(8, alert.raw());
        ps.setTimestamp(9, Timestamp.from(revisedAt));
        ps.setObject(10, stored);
        ps.setTimestamp(11, Timestamp.from(revisedAt));
    }

    private void bindAlert(PreparedStatement ps, Alert alert) throws SQLException {
        ps.setObject(1, alert.id().value());
        ps.setString(2, alert.kind().name());
        ps.setString(3, alert.source().id());
        ps.setString(4, alert.nativeId());
        ps.setString(5, alert.tenant());
        ps.setTimestamp(6, Timestamp.from(alert.receivedAt()));
        setTimestamp(ps, 7, alert.occurredAt());
        ps.setString(8, alert.title());
        ps.setString(9, alert.description());
        ps.setString(10, alert.nativeSeverity());
        ps.setString(11, alert.severity().name());
        ps.setString(12, alert.category());
        ps.setString(13, rows.entitiesJson(alert.entities()));
        ps.setString(14, alert.raw());
        ps.setString(15, alert.intakeQueue().id());
    }

    private static void setTimestamp(PreparedStatement ps, int index, @Nullable Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(instant));
        }
    }

    @Override
    public Optional<StoredAlert> find(AlertId id) {
        return jdbc.query("select * from alert where id = ?", rows, id.value()).stream()
                .findFirst();
    }

    @Override
    public AlertPage search(AlertQuery query) {
        AlertSearchSql sql = AlertSearchSql.of(query);
        List<StoredAlert> found = new ArrayList<>(jdbc.query(sql.text(), rows, sql.arguments()));
        AlertId next = null;
        if (found.size() > query.limit()) {
            found.remove(found.size() - 1);
            next = found.get(found.size() - 1).alert().id();
        }
        return new AlertPage(found, next);
    }

    @Override
    public StoredAlert changeStatus(AlertId id, AlertStatus status) {
        // coalesce: the first acknowledgement is the one the summary's time-to-acknowledge measures.
        return updated(id, """
                update alert set status = ?,
                       acknowledged_at = case when ? then coalesce(acknowledged_at, now()) else acknowledged_at end
                 where id = ? returning *""", status.name(), status == AlertStatus.ACKNOWLEDGED, id.value());
    }

    @Override
    public StoredAlert assign(AlertId id, @Nullable String assignee) {
        return updated(id, "update alert set assignee = ? where id = ? returning *", assignee, id.value());
    }

    private StoredAlert updated(AlertId id, String sql, @Nullable Object... arguments) {
        return jdbc.query(sql, rows, arguments).stream()
                .findFirst()
                .orElseThrow(() -> AlertNotFound.forId(id.toString()));
    }
}
