package dev.vigil.respond.defender.hunting;

import dev.vigil.alert.Severity;
import dev.vigil.respond.defender.DefenderProblems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Each tenant's library of saved hunting queries, in {@code hunting_query}, and the claim on a due one. */
final class SavedQueries {

    private static final String COLUMNS = "tenant, name, description, query, timespan, schedule_interval, severity,"
            + " enabled, created_by, created_at, updated_by, updated_at, next_run_at, covered_until";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    SavedQueries(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    List<SavedQuery> list(String tenant) {
        return jdbc.query(
                "select " + COLUMNS + " from hunting_query where tenant = ? order by name", SavedQueries::row, tenant);
    }

    Optional<SavedQuery> find(String tenant, String name) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from hunting_query where tenant = ? and name = ?",
                        SavedQueries::row,
                        tenant,
                        name)
                .stream()
                .findFirst();
    }

    SavedQuery get(String tenant, String name) {
        return find(tenant, name).orElseThrow(() -> new NoSuchSavedQuery(tenant, name));
    }

    /** Stores a new query; a scheduled one is due at once. @throws QueryExists */
    SavedQuery create(SavedQueryFields fields, String by, Instant now) {
        Schedule schedule = fields.schedule();
        try {
            jdbc.update(
                    "insert into hunting_query (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)",
                    fields.tenant(),
                    fields.name(),
                    fields.description(),
                    fields.query(),
                    fields.timespan(),
                    schedule == null ? null : schedule.interval().toString(),
                    schedule == null ? null : schedule.severity().name(),
                    schedule != null && schedule.enabled(),
                    by,
                    Timestamp.from(now),
                    by,
                    Timestamp.from(now),
                    schedule != null && schedule.enabled() ? Timestamp.from(now) : null);
        } catch (DuplicateKeyException e) {
            throw new QueryExists(fields.tenant(), fields.name());
        }
        return get(fields.tenant(), fields.name());
    }

    /**
     * Replaces a query's fields, keeping its watermark. A schedule just enabled is due at once; a shorter
     * interval brings the next run forward. @throws NoSuchSavedQuery
     */
    SavedQuery update(SavedQueryFields fields, String by, Instant now) {
        Schedule schedule = fields.schedule();
        return tx.execute(s -> {
            List<SavedQuery> current = jdbc.query(
                    "select " + COLUMNS + " from hunting_query where tenant = ? and name = ? for update",
                    SavedQueries::row,
                    fields.tenant(),
                    fields.name());
            if (current.isEmpty()) {
                throw new NoSuchSavedQuery(fields.tenant(), fields.name());
            }
            SavedQuery before = current.get(0);
            Instant nextRun = null;
            if (schedule != null && schedule.enabled()) {
                Instant soonest = now.plus(schedule.interval());
                nextRun = !before.scheduled() || before.nextRunAt() == null
                        ? now
                        : before.nextRunAt().isBefore(soonest) ? before.nextRunAt() : soonest;
            }
            jdbc.update(
                    "update hunting_query set description = ?, query = ?, timespan = ?, schedule_interval = ?,"
                            + " severity = ?, enabled = ?, updated_by = ?, updated_at = ?, next_run_at = ?"
                            + " where tenant = ? and name = ?",
                    fields.description(),
                    fields.query(),
                    fields.timespan(),
                    schedule == null ? null : schedule.interval().toString(),
                    schedule == null ? null : schedule.severity().name(),
                    schedule != null && schedule.enabled(),
                    by,
                    Timestamp.from(now),
                    nextRun == null ? null : Timestamp.from(nextRun),
                    fields.tenant(),
                    fields.name());
            return get(fields.tenant(), fields.name());
        });
    }

    /** Removes the query with its run history and seen rows. @throws NoSuchSavedQuery */
    void delete(String tenant, String name) {
        if (jdbc.update("delete from hunting_query where tenant = ? and name = ?", tenant, name) == 0) {
            throw new NoSuchSavedQuery(tenant, name);
        }
    }

    /**
     * Claims one scheduled query of these tenants that is due, for this period: its row is locked with {@code
     * SKIP LOCKED}, so instances claiming at the same moment pass over each other, and its next run is moved
     * one interval on before the lock is released, so no other instance takes it until then.
     */
    Optional<SavedQuery> claimDue(Collection<String> tenants, Instant now) {
        if (tenants.isEmpty()) {
            return Optional.empty();
        }
        return tx.execute(s -> {
            List<SavedQuery> due = jdbc.query(
                    "select " + COLUMNS + " from hunting_query where enabled and next_run_at <= ?"
                            + " and tenant = any (?) order by next_run_at limit 1 for update skip locked",
                    SavedQueries::row,
                    Timestamp.from(now),
                    tenants.toArray(String[]::new));
            if (due.isEmpty()) {
                return Optional.<SavedQuery>empty();
            }
            SavedQuery query = due.get(0);
            jdbc.update(
                    "update hunting_query set next_run_at = ? where tenant = ? and name = ?",
                    Timestamp.from(now.plus(query.schedule().interval())),
                    query.tenant(),
                    query.name());
            return Optional.of(query);
        });
    }

    private static SavedQuery row(ResultSet rs, int n) throws SQLException {
        String interval = rs.getString("schedule_interval");
        Schedule schedule = interval == null
                ? null
                : new Schedule(
                        Duration.parse(interval), Severity.valueOf(rs.getString("severity")), rs.getBoolean("enabled"));
        return new SavedQuery(
                rs.getString("tenant"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("query"),
                rs.getString("timespan"),
                schedule,
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant(),
                instant(rs.getTimestamp("next_run_at")),
                instant(rs.getTimestamp("covered_until")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** No saved query of that name in the tenant: a 404. */
    static final class NoSuchSavedQuery extends DefenderProblems.NotFound {
        NoSuchSavedQuery(String tenant, String name) {
            super("no saved hunting query '" + name + "' in Defender tenant '" + tenant + "'");
        }
    }

    /** A saved query of that name already exists in the tenant: a 409. */
    static final class QueryExists extends RuntimeException {
        QueryExists(String tenant, String name) {
            super("a saved hunting query '" + name + "' already exists in Defender tenant '" + tenant + "'");
        }
    }
}
