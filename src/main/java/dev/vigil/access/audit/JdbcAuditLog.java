package dev.vigil.access.audit;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log in PostgreSQL. Appends from every instance are serialised by a transaction-scoped advisory
 * lock, under which the writer reads the chain's head and assigns the next seq, so the chain has no gaps and
 * no forks. An append joins the caller's transaction when there is one: the entry commits or rolls back with
 * the change it records (and the lock is held until then).
 */
@Repository
class JdbcAuditLog implements AuditLog {

    /** The advisory lock of audit appends; the retention job takes it too. ASCII "vigilaud". */
    static final long APPEND_LOCK = 0x766967696c617564L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    @Autowired
    JdbcAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this(jdbc, transactions, Clock.systemUTC());
    }

    JdbcAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public void record(AuditEntry entry) {
        transaction.executeWithoutResult(status -> append(entry));
    }

    private void append(AuditEntry entry) {
        jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, APPEND_LOCK);
        Head head = head();
        // Taken under the lock, so times rise with seq (on one clock) and retention deletes a prefix.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditRow row = new AuditRow(
                        head.seq() + 1,
                        UUID.randomUUID(),
                        at,
                        AuditBounds.clipped(entry.actor(), AuditBounds.ACTOR),
                        AuditBounds.clipped(entry.action(), AuditBounds.ACTION),
                        AuditBounds.clip(entry.target(), AuditBounds.TARGET),
                        entry.outcome().name(),
                        AuditBounds.clip(entry.ip(), AuditBounds.IP),
                        AuditBounds.clip(entry.userAgent(), AuditBounds.USER_AGENT),
                        AuditBounds.details(entry.details()),
                        head.hash(),
                        new byte[0])
                .sealed();
        jdbc.update(
                "insert into audit_log (" + AuditRows.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)",
                row.seq(),
                row.id(),
                OffsetDateTime.ofInstant(row.at(), ZoneOffset.UTC),
                row.actor(),
                row.action(),
                row.target(),
                row.outcome(),
                row.ip(),
                row.userAgent(),
                AuditRows.json(row.details()),
                row.prevHash(),
                row.hash());
    }

    /** The last row, or after retention deleted every row the newest anchor, or the start of the chain. */
    private Head head() {
        List<Head> last = jdbc.query(
                "select seq, hash from audit_log order by seq desc limit 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)));
        if (last.isEmpty()) {
            last = jdbc.query(
                    "select seq, hash from audit_anchor order by seq desc limit 1",
                    (rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)));
        }
        return last.isEmpty() ? new Head(0, ChainHash.GENESIS) : last.get(0);
    }

    private record Head(long seq, byte[] hash) {}
}
