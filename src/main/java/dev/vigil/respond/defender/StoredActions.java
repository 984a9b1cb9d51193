package dev.vigil.respond.defender;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The machine actions Vigil started, in {@code defender_action}, with each status seen in {@code defender_action_change}. */
final class StoredActions {

    /** One stored action. */
    record Row(
            String id,
            String tenant,
            String machineId,
            String type,
            @Nullable String scope,
            @Nullable String fileSha1,
            String requestedBy,
            String comment,
            String status,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant lastPolledAt,
            @Nullable String error) {}

    private static final String COLUMNS = "id, tenant, machine_id, type, scope, file_sha1, requested_by, comment,"
            + " status, created_at, updated_at, last_polled_at, error";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    StoredActions(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Stores an action Defender accepted; a second insert of the same id (a race on a repeat) is ignored. */
    void insert(String tenant, MachineAction action, String requestedBy, String comment) {
        Timestamp now = Timestamp.from(clock.instant());
        tx.executeWithoutResult(s -> {
            int inserted = jdbc.update(
                    "insert into defender_action (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null)"
                            + " on conflict (id) do nothing",
                    action.id(),
                    tenant,
                    action.machineId(),
                    action.type(),
                    action.scope(),
                    action.relatedFileInfo() == null
                            ? null
                            : action.relatedFileInfo().fileIdentifier(),
                    requestedBy,
                    comment,
                    action.status(),
                    now,
                    now);
            if (inserted == 1) {
                jdbc.update(
                        "insert into defender_action_change (action_id, status, observed_at) values (?, ?, ?)",
                        action.id(),
                        action.status(),
                        now);
            }
        });
    }

    /** A stored action of this type still pending or in progress on the device (for files: the same file). */
    Optional<Row> active(String tenant, String machineId, String type, @Nullable String sha1) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from defender_action where tenant = ? and machine_id = ? and type = ?"
                                + " and status in ('Pending', 'InProgress')"
                                + " and (cast(? as text) is null or lower(file_sha1) = lower(?))"
                                + " order by created_at desc limit 1",
                        StoredActions::row,
                        tenant,
                        machineId,
                        type,
                        sha1,
                        sha1)
                .stream()
                .findFirst();
    }

    /** What Vigil runs on the device now, as "Isolate (Pending)": for a preview. */
    List<String> runningOn(String tenant, String machineId) {
        return jdbc.queryForList(
                "select type || ' (' || status || ')' from defender_action where tenant = ? and machine_id = ?"
                        + " and status in ('Pending', 'InProgress') order by created_at",
                String.class,
                tenant,
                machineId);
    }

    /**
     * Claims up to {@code limit} actions not yet ended and not polled within {@code minAge}, those polled
     * longest ago first, by stamping them polled now. Instances polling at once skip each other's claimed rows,
     * so an action is asked for about once per {@code minAge} however many instances run.
     */
    List<Row> claimDue(int limit, Duration minAge) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp cutoff = Timestamp.from(clock.instant().minus(minAge));
        return jdbc.query(
                "update defender_action set last_polled_at = ? where id in ("
                        + "select id from defender_action where status in ('Pending', 'InProgress')"
                        + " and (last_polled_at is null or last_polled_at <= ?)"
                        + " order by last_polled_at nulls first, created_at limit ? for update skip locked)"
                        + " returning " + COLUMNS,
                StoredActions::row,
                now,
                cutoff,
                limit);
    }

    /**
     * Records what a poll saw. Returns true when this call moved the action into an end state, so exactly one
     * caller announces it even if two pollers race.
     */
    boolean observed(String id, String status) {
        Timestamp now = Timestamp.from(clock.instant());
        Boolean ended = tx.execute(s -> {
            int changed = jdbc.update(
                    "update defender_action set status = ?, updated_at = ?, last_polled_at = ?, error = null"
                            + " where id = ? and status <> ? and status in ('Pending', 'InProgress')",
                    status,
                    now,
                    now,
                    id,
                    status);
            if (changed == 0) {
                jdbc.update("update defender_action set last_polled_at = ?, error = null where id = ?", now, id);
                return false;
            }
            jdbc.update(
                    "insert into defender_action_change (action_id, status, observed_at) values (?, ?, ?)",
                    id,
                    status,
                    now);
            return MachineAction.FINAL.contains(status);
        });
        return Boolean.TRUE.equals(ended);
    }

    /**
     * Ends an action Vigil can no longer follow (Defender forgot it, its tenant left the configuration) as
     * Failed, with why. True when this call ended it.
     */
    boolean abandoned(String id, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        Boolean ended = tx.execute(s -> {
            int changed = jdbc.update(
                    "update defender_action set status = 'Failed', updated_at = ?, last_polled_at = ?, error = ?"
                            + " where id = ? and status in ('Pending', 'InProgress')",
                    now,
                    now,
                    error,
                    id);
            if (changed == 1) {
                jdbc.update(
                        "insert into defender_action_change (action_id, status, observed_at) values (?, 'Failed', ?)",
                        id,
                        now);
            }
            return changed == 1;
        });
        return Boolean.TRUE.equals(ended);
    }

    void pollFailed(String id, String error) {
        jdbc.update(
                "update defender_action set last_polled_at = ?, error = ? where id = ?",
                Timestamp.from(clock.instant()),
                error,
                id);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp polled = rs.getTimestamp("last_polled_at");
        return new Row(
                rs.getString("id"),
                rs.getString("tenant"),
                rs.getString("machine_id"),
                rs.getString("type"),
                rs.getString("scope"),
                rs.getString("file_sha1"),
                rs.getString("requested_by"),
                rs.getString("comment"),
                rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                polled == null ? null : polled.toInstant(),
                rs.getString("error"));
    }
}
