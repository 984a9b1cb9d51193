package dev.vigil.respond.defender.hunting;

import dev.vigil.alert.AlertId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What scheduled hunts have done: the runs ({@code hunting_run}), the rows that already raised an alert
 * ({@code hunting_seen}) and each query's watermark. Writes join the caller's transaction.
 */
final class HuntLedger {

    private final JdbcTemplate jdbc;

    HuntLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Row keys of this query already seen, among {@code keys}. */
    List<String> seen(String tenant, String query, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "select row_key from hunting_seen where tenant = ? and query_name = ? and row_key = any (?)",
                String.class,
                tenant,
                query,
                keys.toArray(String[]::new));
    }

    /** Marks a row seen; false when another run marked it first (the row then raises no second alert). */
    boolean markSeen(String tenant, String query, String key, AlertId alert, Instant now) {
        return jdbc.update(
                        "insert into hunting_seen (tenant, query_name, row_key, alert_id, seen_at)"
                                + " values (?, ?, ?, ?, ?) on conflict do nothing",
                        tenant,
                        query,
                        key,
                        alert.value(),
                        Timestamp.from(now))
                == 1;
    }

    /**
     * Forgets up to {@code limit} rows seen before {@code before}, the oldest first: Defender keeps hunting data
     * 30 days, so they cannot return. Rows another instance is deleting are skipped, never waited for.
     */
    int forgetSeenBefore(Instant before, int limit) {
        return jdbc.update(
                "delete from hunting_seen s using (select tenant, query_name, row_key from hunting_seen"
                        + " where seen_at < ? order by seen_at limit ? for update skip locked) old"
                        + " where s.tenant = old.tenant and s.query_name = old.query_name and s.row_key = old.row_key",
                Timestamp.from(before),
                limit);
    }

    /** Deletes up to {@code limit} runs finished before {@code before}, the oldest first. */
    int forgetRunsBefore(Instant before, int limit) {
        return jdbc.update(
                "delete from hunting_run where id in (select id from hunting_run where finished_at < ?"
                        + " order by finished_at limit ? for update skip locked)",
                Timestamp.from(before),
                limit);
    }

    /** Moves the query's watermark to {@code until}, never back. */
    void covered(String tenant, String query, Instant until) {
        jdbc.update(
                "update hunting_query set covered_until = greatest(coalesce(covered_until, ?), ?)"
                        + " where tenant = ? and name = ?",
                Timestamp.from(until),
                Timestamp.from(until),
                tenant,
                query);
    }

    void recordRun(String tenant, String query, HuntRun run) {
        jdbc.update(
                "insert into hunting_run (tenant, query_name, started_at, finished_at, window_start, window_end,"
                        + " row_count, alerts_raised, truncated, error) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant,
                query,
                Timestamp.from(run.startedAt()),
                Timestamp.from(run.finishedAt()),
                Timestamp.from(run.windowStart()),
                Timestamp.from(run.windowEnd()),
                run.rows(),
                run.alertsRaised(),
                run.truncated(),
                run.error());
    }

    /** The query's most recent runs, newest first. */
    List<HuntRun> runs(String tenant, String query, int limit) {
        return jdbc.query(
                "select id, started_at, finished_at, window_start, window_end, row_count, alerts_raised, truncated,"
                        + " error from hunting_run where tenant = ? and query_name = ? order by id desc limit ?",
                HuntLedger::run,
                tenant,
                query,
                limit);
    }

    private static HuntRun run(ResultSet rs, int n) throws SQLException {
        return new HuntRun(
                rs.getLong("id"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("finished_at").toInstant(),
                rs.getTimestamp("window_start").toInstant(),
                rs.getTimestamp("window_end").toInstant(),
                rs.getInt("row_count"),
                rs.getInt("alerts_raised"),
                rs.getBoolean("truncated"),
                rs.getString("error"));
    }
}
