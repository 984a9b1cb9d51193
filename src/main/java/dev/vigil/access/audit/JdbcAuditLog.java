package dev.vigil.access.audit;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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

    static final int MAX_BATCH = 500;

    private final JdbcTemplate jdbc;
    private final GroupCommit<AuditEntry> batches;
    private final Clock clock;

    @Autowired
    JdbcAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this(jdbc, transactions, Clock.systemUTC());
    }

    JdbcAuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        this.batches =
                new GroupCommit<>(entries -> transaction.executeWithoutResult(status -> appendAll(entries)), MAX_BATCH);
    }

    @Override
    public void record(AuditEntry entry) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            appendAll(List.of(entry));
        } else {
            batches.submit(entry);
        }
    }

    /** In the current transaction (the caller's, or the batch's own): takes the lock, appends in order. */
    private void appendAll(List<AuditEntry> entries) {
        jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, APPEND_LOCK);
        AuditAnchors.Anchor head = head();
        List<AuditRow> rows = new ArrayList<>(entries.size());
        long seq = head.seq();
        byte[] prev = head.hash();
        for (AuditEntry entry : entries) {
            // Taken under the lock, so times rise with seq (on one clock) and retention deletes a prefix.
            AuditRow row = row(++seq, clock.instant().truncatedTo(ChronoUnit.MICROS), entry, prev);
            rows.add(row);
            prev = row.hash();
        }
        jdbc.batchUpdate(
                "insert into audit_log (" + AuditRows.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)",
                rows.stream()
                        .map(row -> new Object[] {
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
                            row.hash()
                        })
                        .toList());
    }

    private static AuditRow row(long seq, Instant at, AuditEntry entry, byte[] prevHash) {
        return new AuditRow(
                        seq,
                        UUID.randomUUID(),
                        at,
                        AuditBounds.clipped(entry.actor(), AuditBounds.ACTOR),
                        AuditBounds.clipped(entry.action(), AuditBounds.ACTION),
                        AuditBounds.clip(entry.target(), AuditBounds.TARGET),
                        entry.outcome().name(),
                        AuditBounds.clip(entry.ip(), AuditBounds.IP),
                        AuditBounds.clip(entry.userAgent(), AuditBounds.USER_AGENT),
                        AuditBounds.details(entry.details()),
                        prevHash,
                        new byte[0])
                .sealed();
    }

    /** The last row, or after retention deleted every row the newest anchor, or the start of the chain. */
    private AuditAnchors.Anchor head() {
        List<AuditAnchors.Anchor> last = jdbc.query(
                "select seq, hash from audit_log order by seq desc limit 1",
                (rs, n) -> new AuditAnchors.Anchor(rs.getLong(1), rs.getBytes(2)));
        return last.isEmpty() ? AuditAnchors.newest(jdbc) : last.get(0);
    }
}
