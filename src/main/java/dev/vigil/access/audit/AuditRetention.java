package dev.vigil.access.audit;

import dev.vigil.access.AuditChain;
import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import dev.vigil.access.AuditVerification;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes audit rows older than the retention, oldest first, and records an anchor (the seq and hash of the
 * last row deleted) in the same transaction, so that verification starts from the anchor and still detects
 * tampering in what remains. It refuses to delete rows while the chain before them is broken: retention
 * must not erase the evidence of tampering.
 */
@Component
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    /** One instance of the cluster prunes at a time; the others skip. ASCII "vigilprn". */
    static final long PRUNE_LOCK = 0x76696769_6c70726eL;

    static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AuditChain chain;
    private final AuditLog auditLog;
    private final AuditProperties properties;
    private final Clock clock;

    @Autowired
    AuditRetention(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            AuditChain chain,
            AuditLog auditLog,
            AuditProperties properties) {
        this(jdbc, transactions, chain, auditLog, properties, Clock.systemUTC());
    }

    AuditRetention(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            AuditChain chain,
            AuditLog auditLog,
            AuditProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.chain = chain;
        this.auditLog = auditLog;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes what has outlived the retention; returns the number of rows deleted. */
    long prune() {
        if (properties.keepsForever()) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(properties.retention());
        Long firstKept = jdbc.queryForObject(
                "select coalesce(min(seq), (select coalesce(max(seq), 0) + 1 from audit_log)) from audit_log where at >= ?",
                Long.class,
                OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
        long bound = Objects.requireNonNull(firstKept);
        if (!safeToDeleteBefore(bound)) {
            return 0;
        }
        long deleted = 0;
        while (true) {
            Long batch = transaction.execute(status -> pruneBatch(bound));
            if (batch == null || batch == 0) {
                break;
            }
            deleted += batch;
        }
        if (deleted > 0) {
            log.info("Audit retention deleted {} rows older than {}", deleted, cutoff);
            auditLog.record(AuditEntry.of("system", "audit.prune", null, AuditOutcome.SUCCESS)
                    .withDetails(Map.of("rows", Long.toString(deleted), "before", cutoff.toString())));
        }
        return deleted;
    }

    private boolean safeToDeleteBefore(long bound) {
        AuditVerification verification = chain.verify();
        if (verification.problem() != null && verification.problem().seq() < bound) {
            log.error(
                    "Audit retention paused: the chain is broken in the rows it would delete, which are kept as evidence: {}",
                    verification.problem().describe());
            return false;
        }
        return true;
    }

    /** One transaction: the oldest rows below {@code bound}, at most {@link #BATCH}, and their anchor. */
    private long pruneBatch(long bound) {
        Boolean ours = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, PRUNE_LOCK);
        if (!Boolean.TRUE.equals(ours)) {
            return 0;
        }
        List<Last> last = jdbc.query(
                """
                with doomed as (select seq, hash, at from audit_log where seq < ? order by seq limit ?)
                select seq, hash, at, (select count(*) from doomed) from doomed order by seq desc limit 1""",
                (rs, n) ->
                        new Last(rs.getLong(1), rs.getBytes(2), rs.getObject(3, OffsetDateTime.class), rs.getLong(4)),
                bound,
                BATCH);
        if (last.isEmpty()) {
            return 0;
        }
        Last anchor = last.get(0);
        jdbc.execute("set local vigil.audit_prune = 'on'");
        int deleted = jdbc.update("delete from audit_log where seq <= ?", anchor.seq());
        jdbc.update(
                "insert into audit_anchor (seq, hash, row_at, pruned_at, rows_pruned) values (?, ?, ?, ?, ?)",
                anchor.seq(),
                anchor.hash(),
                anchor.at(),
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                deleted);
        return deleted;
    }

    private record Last(long seq, byte[] hash, OffsetDateTime at, long count) {}
}
