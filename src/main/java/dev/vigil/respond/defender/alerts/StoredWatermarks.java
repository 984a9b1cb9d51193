package dev.vigil.respond.defender.alerts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each polled tenant's watermark, lease, totals and last outcome in {@code defender_alert_watermark}. The lease
 * keeps a tenant's polling to one instance at a time; the row is also locked while a page is stored and while
 * the watermark moves, so that two pollers (one whose lease ran out mid-poll) take turns.
 */
final class StoredWatermarks {

    private final JdbcTemplate jdbc;

    StoredWatermarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the tenant's lease for {@code instance} unless another instance holds an unexpired one; creates the
     * tenant's row at {@code initial} on its first poll.
     */
    boolean claim(String tenant, String instance, Watermark initial, Duration lease) {
        return !jdbc.queryForList("""
                        insert into defender_alert_watermark (tenant, watermark, leased_by, lease_until)
                        values (?, ?, ?, now() + ? * interval '1 second')
                        on conflict (tenant) do update
                           set leased_by = excluded.leased_by, lease_until = excluded.lease_until
                         where defender_alert_watermark.lease_until is null
                            or defender_alert_watermark.lease_until < now()
                            or defender_alert_watermark.leased_by = excluded.leased_by
                        returning tenant""", String.class, tenant, initial.text(), instance, lease.toSeconds())
                .isEmpty();
    }

    /** The tenant's watermark, its row locked until the caller's transaction ends. */
    Watermark locked(String tenant) {
        return jdbc.queryForObject(
                "select watermark, ids_at_watermark from defender_alert_watermark where tenant = ? for update",
                (rs, n) -> new Watermark(Instant.parse(rs.getString("watermark")), ids(rs)),
                tenant);
    }

    /** Adds a stored page to the totals and extends the lease: a long poll keeps its tenant. */
    void counted(String tenant, String instance, int imported, int revised, int rejected, Duration lease) {
        jdbc.update("""
                update defender_alert_watermark
                   set imported = imported + ?, revised = revised + ?, rejected = rejected + ?,
                       lease_until = case when leased_by = ? then now() + ? * interval '1 second' else lease_until end
                 where tenant = ?""", imported, revised, rejected, instance, lease.toSeconds(), tenant);
    }

    /** Moves the watermark, in the caller's transaction after {@link #locked}. */
    void move(String tenant, Watermark watermark) {
        jdbc.update("update defender_alert_watermark set watermark = ?, ids_at_watermark = ? where tenant = ?", ps -> {
            ps.setString(1, watermark.text());
            ps.setArray(
                    2,
                    ps.getConnection().createArrayOf("text", watermark.idsAt().toArray(String[]::new)));
            ps.setString(3, tenant);
        });
    }

    /** Records how the poll ended ({@code error} null: well) and gives the lease up. */
    void finished(String tenant, String instance, @Nullable String error) {
        jdbc.update("""
                update defender_alert_watermark
                   set last_polled_at = now(), last_error = ?,
                       last_error_at = case when ?::text is null then null else now() end,
                       leased_by = case when leased_by = ? then null else leased_by end,
                       lease_until = case when leased_by = ? then null else lease_until end
                 where tenant = ?""", error, error, instance, instance, tenant);
    }

    /** The stored state of a tenant, or empty before its first poll. */
    Optional<AlertPollerStatus> status(String tenant, boolean polled) {
        List<AlertPollerStatus> found = jdbc.query(
                "select * from defender_alert_watermark where tenant = ?",
                (rs, n) -> new AlertPollerStatus(
                        tenant,
                        polled,
                        instant(rs.getTimestamp("last_polled_at")),
                        rs.getString("watermark"),
                        ids(rs).size(),
                        rs.getString("last_error"),
                        instant(rs.getTimestamp("last_error_at")),
                        rs.getLong("imported"),
                        rs.getLong("revised"),
                        rs.getLong("rejected")),
                tenant);
        return found.stream().findFirst();
    }

    private static Set<String> ids(ResultSet rs) throws SQLException {
        Array array = rs.getArray("ids_at_watermark");
        return array == null ? Set.of() : Set.of((String[]) array.getArray());
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
