package dev.vigil.respond.defender.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code defender_approval} rows. Every change of status is one conditional update, so it happens once. */
final class ApprovalStore {

    private static final String COLUMNS = "id, tenant, operation, target, request, preview, reason, requested_by,"
            + " requested_at, expires_at, status, decided_by, decided_at, decision_comment, result, error";

    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RowMapper<Approval> rows = this::approval;

    ApprovalStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Approval a, String requesterPerson) {
        jdbc.update(
                "insert into defender_approval (id, tenant, operation, target, request, preview, reason,"
                        + " requested_by, requester_person, requested_at, expires_at, status)"
                        + " values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, 'pending')",
                a.id(),
                a.tenant(),
                a.operation(),
                a.target(),
                json.writeValueAsString(a.request()),
                json.writeValueAsString(a.preview()),
                a.reason(),
                a.requestedBy(),
                requesterPerson,
                Timestamp.from(a.requestedAt()),
                Timestamp.from(a.expiresAt()));
    }

    Optional<Approval> find(String tenant, UUID id) {
        return jdbc
                .query("select " + COLUMNS + " from defender_approval where tenant = ? and id = ?", rows, tenant, id)
                .stream()
                .findFirst();
    }

    String requesterPerson(UUID id) {
        return jdbc.queryForObject("select requester_person from defender_approval where id = ?", String.class, id);
    }

    /** Newest first; {@code status} null for all. Pending rows past their time are shown as expired. */
    List<Approval> list(String tenant, @Nullable String status, int limit, Instant now) {
        expire(now);
        return status == null
                ? jdbc.query(
                        "select " + COLUMNS
                                + " from defender_approval where tenant = ? order by requested_at desc limit ?",
                        rows,
                        tenant,
                        limit)
                : jdbc.query(
                        "select " + COLUMNS + " from defender_approval where tenant = ? and status = ?"
                                + " order by requested_at desc limit ?",
                        rows,
                        tenant,
                        status,
                        limit);
    }

    void expire(Instant now) {
        jdbc.update(
                "update defender_approval set status = 'expired', decided_at = expires_at"
                        + " where status = 'pending' and expires_at <= ?",
                Timestamp.from(now));
        // Approved but never recorded as run or failed: the instance running it died. Whether Defender acted
        // is unknown, and saying so beats showing "approved" for ever.
        jdbc.update(
                "update defender_approval set status = 'failed',"
                        + " error = 'outcome unknown: the run was interrupted; check Defender'"
                        + " where status = 'approved' and decided_at <= ?",
                Timestamp.from(now.minus(Approvals.OUTCOME_UNKNOWN_AFTER)));
    }

    /** Pending and not yet expired → {@code to}; false when someone else decided first or it expired. */
    boolean decide(UUID id, String to, String decidedBy, String comment, Instant now) {
        return jdbc.update(
                        "update defender_approval set status = ?, decided_by = ?, decided_at = ?, decision_comment = ?"
                                + " where id = ? and status = 'pending' and expires_at > ?",
                        to,
                        decidedBy,
                        Timestamp.from(now),
                        comment,
                        id,
                        Timestamp.from(now))
                == 1;
    }

    void executed(UUID id, JsonNode result) {
        jdbc.update(
                "update defender_approval set status = 'executed', result = ?::jsonb where id = ? and status = 'approved'",
                json.writeValueAsString(result),
                id);
    }

    void failed(UUID id, String error) {
        jdbc.update(
                "update defender_approval set status = 'failed', error = ? where id = ? and status = 'approved'",
                error,
                id);
    }

    private Approval approval(ResultSet rs, int row) throws SQLException {
        return new Approval(
                rs.getObject("id", UUID.class),
                rs.getString("tenant"),
                rs.getString("operation"),
                rs.getString("target"),
                json.readTree(rs.getString("request")),
                json.readTree(rs.getString("preview")),
                rs.getString("reason"),
                rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getString("status"),
                rs.getString("decided_by"),
                instant(rs.getTimestamp("decided_at")),
                rs.getString("decision_comment"),
                rs.getString("result") == null ? null : json.readTree(rs.getString("result")),
                rs.getString("error"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
