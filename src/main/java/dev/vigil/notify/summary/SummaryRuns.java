package dev.vigil.notify.summary;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code summary_run} table. Every statement is one short transaction of its own, so what a delivery
 * did (the message's ts above all) is durable before its next step starts.
 */
@Repository
class SummaryRuns {

    private final JdbcTemplate jdbc;

    SummaryRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims a scheduled period for this instance, leased until {@code leaseEnd}: empty when another instance
     * (or an earlier run here) already has it. The unique key on the period decides, not a read first.
     */
    Optional<SummaryRun> claimScheduled(SummaryPeriod period, Instant now, Instant leaseEnd) {
        return jdbc
                .query(
                        """
                        insert into summary_run (id, kind, period_start, period_end, state, attempts, next_attempt_at,
                                                 created_at)
                        values (?, 'SCHEDULED', ?, ?, 'PENDING', 1, ?, ?)
                        on conflict (period_start, period_end) where kind = 'SCHEDULED' do nothing
                        returning *
                        """,
                        SummaryRuns::run,
                        UUID.randomUUID(),
                        Timestamp.from(period.from()),
                        Timestamp.from(period.to()),
                        Timestamp.from(leaseEnd),
                        Timestamp.from(now))
                .stream()
                .findFirst();
    }

    /** A send someone asked for, leased to this instance for its first attempt. */
    SummaryRun createManual(SummaryPeriod period, String requestedBy, Instant now, Instant leaseEnd) {
        return jdbc.queryForObject(
                """
                insert into summary_run (id, kind, period_start, period_end, state, attempts, next_attempt_at,
                                         created_at, requested_by)
                values (?, 'MANUAL', ?, ?, 'PENDING', 1, ?, ?, ?)
                returning *
                """,
                SummaryRuns::run,
                UUID.randomUUID(),
                Timestamp.from(period.from()),
                Timestamp.from(period.to()),
                Timestamp.from(leaseEnd),
                Timestamp.from(now),
                requestedBy);
    }

    /**
     * Takes the oldest pending run whose next attempt is due, counting the attempt and leasing it until
     * {@code leaseEnd}; {@code skip locked} keeps two instances from taking the same one.
     */
    Optional<SummaryRun> takeDue(Instant now, Instant leaseEnd) {
        return jdbc.query("""
                        update summary_run set attempts = attempts + 1, next_attempt_at = ?
                         where id = (select id from summary_run
                                      where state = 'PENDING' and next_attempt_at <= ?
                                      order by next_attempt_at, created_at
                                      limit 1
                                      for update skip locked)
                        returning *
                        """, SummaryRuns::run, Timestamp.from(leaseEnd), Timestamp.from(now)).stream()
                .findFirst();
    }

    void messagePosted(UUID id, String slackTs) {
        jdbc.update("update summary_run set slack_ts = ? where id = ? and slack_ts is null", slackTs, id);
    }

    void sent(UUID id, @Nullable String chartFileId, Instant now) {
        jdbc.update(
                "update summary_run set state = 'SENT', chart_file_id = ?, sent_at = ?, last_error = null where id = ?",
                chartFileId,
                Timestamp.from(now),
                id);
    }

    void retryLater(UUID id, String error, Instant nextAttemptAt) {
        jdbc.update(
                "update summary_run set last_error = ?, next_attempt_at = ? where id = ? and state = 'PENDING'",
                error,
                Timestamp.from(nextAttemptAt),
                id);
    }

    void failed(UUID id, String error) {
        jdbc.update("update summary_run set state = 'FAILED', last_error = ? where id = ?", error, id);
    }

    Optional<SummaryRun> find(UUID id) {
        return jdbc.query("select * from summary_run where id = ?", SummaryRuns::run, id).stream()
                .findFirst();
    }

    List<SummaryRun> recent(int limit) {
        return jdbc.query(
                "select * from summary_run order by created_at desc, period_start desc limit ?",
                SummaryRuns::run,
                limit);
    }

    private static SummaryRun run(ResultSet rs, int row) throws SQLException {
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new SummaryRun(
                rs.getObject("id", UUID.class),
                SummaryRun.Kind.valueOf(rs.getString("kind")),
                rs.getTimestamp("period_start").toInstant(),
                rs.getTimestamp("period_end").toInstant(),
                SummaryRun.State.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("requested_by"),
                rs.getString("slack_ts"),
                rs.getString("chart_file_id"),
                sentAt == null ? null : sentAt.toInstant());
    }
}
