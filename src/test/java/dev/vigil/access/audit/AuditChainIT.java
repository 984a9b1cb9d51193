package dev.vigil.access.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ServerSchemas;
import dev.vigil.access.AuditChain;
import dev.vigil.access.AuditChainProblem;
import dev.vigil.access.AuditChainProblem.Kind;
import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditHead;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import dev.vigil.access.AuditVerification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit chain in a real PostgreSQL: appends from many threads make one chain, and tampering done
 * directly in the database (as the table owner, with the append-only trigger disabled) is detected and
 * the right row named.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            // The PostgreSQL server is shared by every test run on the machine: a small pool, closed after the class.
            "spring.datasource.hikari.maximum-pool-size=4"
        })
@DirtiesContext
class AuditChainIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_audit_");
    }

    @Autowired
    AuditLog log;

    @Autowired
    AuditChain chain;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void emptyLog() {
        AuditTampering.asOwner(jdbc, "truncate audit_log, audit_anchor");
    }

    @Test
    void appendedRowsVerifyAsIntact() {
        append(7);

        AuditVerification result = chain.verify();

        assertThat(result.intact()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(7);
        assertThat(result.startSeq()).isEqualTo(1);
    }

    @Test
    void anEmptyLogIsIntact() {
        assertThat(chain.verify()).isEqualTo(new AuditVerification(0, 1, null, null));
    }

    @Test
    void concurrentAppendsFromManyThreadsMakeOneGapFreeChain() throws Exception {
        int threads = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < each; i++) {
                        log.record(AuditEntry.of("user:t" + thread, "test.concurrent", "n" + i, AuditOutcome.SUCCESS));
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        AuditVerification result = chain.verify();
        assertThat(result.intact()).as("%s", result.problem()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(threads * each);
        assertThat(jdbc.queryForList("select seq from audit_log order by seq", Long.class))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, threads * each).boxed().toList());
    }

    @Test
    void anAppendJoinsTheCallersTransactionAndRollsBackWithIt() {
        append(1);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            log.record(AuditEntry.of("user:alice", "alert.update", "rolled back", AuditOutcome.SUCCESS));
            assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class))
                    .isEqualTo(2);
            status.setRollbackOnly();
        });
        append(1);

        assertThat(jdbc.queryForList("select target from audit_log order by seq", String.class))
                .containsExactly("/api/v1/alerts/1", "/api/v1/alerts/1");
        AuditVerification result = chain.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(2);
    }

    @Test
    void anEditedRowIsNamed() {
        append(6);
        AuditTampering.asOwner(jdbc, "update audit_log set actor = 'user:mallory' where seq = 4");

        AuditChainProblem problem = problemOf(chain.verify(), 3);

        assertThat(problem.kind()).isEqualTo(Kind.EDITED);
        assertThat(problem.seq()).isEqualTo(4);
        assertThat(problem.id()).isEqualTo(idOf(4));
        assertThat(problem.describe()).contains("seq 4", "does not match its hash");
    }

    @Test
    void editedDetailsAndTimesAreDetectedToo() {
        append(3);
        AuditTampering.asOwner(jdbc, "update audit_log set details = '{\"n\": 2}' where seq = 2");
        assertThat(problemOf(chain.verify(), 1).seq()).isEqualTo(2);

        emptyLog();
        append(3);
        AuditTampering.asOwner(jdbc, "update audit_log set at = at + interval '1 microsecond' where seq = 3");
        assertThat(problemOf(chain.verify(), 2).kind()).isEqualTo(Kind.EDITED);
    }

    @Test
    void aDeletedRowIsNamed() {
        append(6);
        AuditTampering.asOwner(jdbc, "delete from audit_log where seq = 3");

        AuditChainProblem problem = problemOf(chain.verify(), 2);

        assertThat(problem.kind()).isEqualTo(Kind.DELETED);
        assertThat(problem.seq()).isEqualTo(4);
        assertThat(problem.reason()).contains("row 3 is missing");
    }

    @Test
    void deletingTheFirstRowsIsDetected() {
        append(4);
        AuditTampering.asOwner(jdbc, "delete from audit_log where seq <= 2");

        AuditChainProblem problem = problemOf(chain.verify(), 0);

        assertThat(problem.kind()).isEqualTo(Kind.DELETED);
        assertThat(problem.reason()).contains("rows 1 to 2 are missing");
    }

    @Test
    void swappedRowsAreNamedAsReordered() {
        append(6);
        AuditTampering.asOwner(
                jdbc,
                "update audit_log set seq = -1 where seq = 3",
                "update audit_log set seq = 3 where seq = 4",
                "update audit_log set seq = 4 where seq = -1");

        AuditChainProblem problem = problemOf(chain.verify(), 2);

        assertThat(problem.kind()).isEqualTo(Kind.REORDERED);
        assertThat(problem.seq()).isEqualTo(3);
        assertThat(problem.reason()).contains("follows row 4");
    }

    @Test
    void aRowDeletedAndTheRestRenumberedIsDetected() {
        append(5);
        AuditTampering.asOwner(
                jdbc, "delete from audit_log where seq = 3", "update audit_log set seq = seq - 1 where seq > 3");

        AuditChainProblem problem = problemOf(chain.verify(), 2);

        assertThat(problem.seq()).isEqualTo(3);
        assertThat(problem.kind()).isEqualTo(Kind.EDITED);
    }

    @Test
    void aForgedTailIsNamed() {
        append(3);
        byte[] head = jdbc.queryForObject("select hash from audit_log where seq = 3", byte[].class);
        AuditTampering.asOwner(jdbc, "select 1");
        jdbc.update(
                "insert into audit_log (seq, id, at, actor, action, target, outcome, ip, user_agent, details, prev_hash, hash)"
                        + " values (4, gen_random_uuid(), now(), 'user:admin', 'key.create', null, 'SUCCESS', null, null,"
                        + " '{}', ?, ?)",
                head,
                new byte[32]);

        AuditChainProblem problem = problemOf(chain.verify(), 3);

        assertThat(problem.seq()).isEqualTo(4);
        assertThat(problem.kind()).isEqualTo(Kind.EDITED);
    }

    @Test
    void verifyNamesTheHeadAnExpectedHeadDetectsDeletedNewestRows() {
        append(5);
        AuditVerification before = chain.verify();
        AuditHead head = java.util.Objects.requireNonNull(before.head());
        assertThat(head.seq()).isEqualTo(5);
        assertThat(head.hash())
                .isEqualTo(jdbc.queryForObject("select hash from audit_log where seq = 5", byte[].class));
        assertThat(chain.verify(head).intact()).isTrue();

        AuditTampering.asOwner(jdbc, "delete from audit_log where seq > 3");

        // The chain alone cannot tell: what is left is a valid, shorter chain.
        assertThat(chain.verify().intact()).isTrue();
        AuditChainProblem problem = problemOf(chain.verify(head), 3);
        assertThat(problem.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(problem.seq()).isEqualTo(5);
        assertThat(problem.describe()).contains("ends at seq 3");
    }

    @Test
    void anExpectedHeadDetectsNewestRowsReplacedByAValidChain() {
        append(5);
        AuditHead head = java.util.Objects.requireNonNull(chain.verify().head());
        AuditTampering.asOwner(jdbc, "delete from audit_log where seq > 3");
        log.record(AuditEntry.of("user:mallory", "cover.up", "4", AuditOutcome.SUCCESS));
        log.record(AuditEntry.of("user:mallory", "cover.up", "5", AuditOutcome.SUCCESS));

        assertThat(chain.verify().intact()).isTrue();
        AuditChainProblem problem = problemOf(chain.verify(head), 4);
        assertThat(problem.kind()).isEqualTo(Kind.UNLINKED);
        assertThat(problem.seq()).isEqualTo(5);
        assertThat(problem.describe()).contains("expected head");
    }

    @Test
    void anAuditHeadReadsBackFromItsText() {
        append(2);
        AuditHead head = java.util.Objects.requireNonNull(chain.verify().head());
        assertThat(AuditHead.parse(head.toString())).contains(head);
        assertThat(AuditHead.parse("2:abc")).isEmpty();
        assertThat(AuditHead.parse("x:" + "0".repeat(64))).isEmpty();
    }

    @Test
    void theTriggerRefusesUpdateDeleteAndTruncate() {
        append(2);

        assertThatThrownBy(() -> jdbc.update("update audit_log set actor = 'x' where seq = 1"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log where seq = 1"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_log"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        // Outside the retention job's own transaction the setting is off again.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.execute("set local vigil.audit_prune = 'on'");
            jdbc.update("delete from audit_log where seq = 1");
        });
        assertThatThrownBy(() -> jdbc.update("delete from audit_log where seq = 2"))
                .isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class))
                .isEqualTo(1);
    }

    @Test
    void retentionPrunesOldRowsAndAnchorsTheChainSoTheRestStillVerifies() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        appendAt(now.minus(Duration.ofDays(400)), 5);
        appendAt(now.minus(Duration.ofDays(10)), 3);
        AuditRetention retention = retention(now, "365d");

        assertThat(retention.prune()).isEqualTo(5);

        assertThat(jdbc.queryForList(
                        "select seq from audit_log where action <> 'audit.prune' order by seq", Long.class))
                .containsExactly(6L, 7L, 8L);
        assertThat(jdbc.queryForObject("select seq from audit_anchor", Long.class))
                .isEqualTo(5);
        AuditVerification after = chain.verify();
        assertThat(after.intact()).as("%s", after.problem()).isTrue();
        assertThat(after.startSeq()).isEqualTo(6);
        assertThat(after.rowsChecked()).isEqualTo(4); // three kept, one recording the prune
        assertThat(retention.prune()).isZero();

        AuditTampering.asOwner(jdbc, "update audit_log set target = 'elsewhere' where seq = 7");
        AuditChainProblem problem = problemOf(chain.verify(), 1);
        assertThat(problem.seq()).isEqualTo(7);
        assertThat(problem.kind()).isEqualTo(Kind.EDITED);
    }

    @Test
    void retentionDeletingEveryRowLetsTheChainContinueFromTheAnchor() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        appendAt(now.minus(Duration.ofDays(30)), 4);

        assertThat(retention(now, "7d").prune()).isEqualTo(4);
        append(2);

        AuditVerification result = chain.verify();
        assertThat(result.intact()).as("%s", result.problem()).isTrue();
        assertThat(result.startSeq()).isEqualTo(5);
        assertThat(result.rowsChecked()).isEqualTo(3); // the prune record and two more
    }

    @Test
    void retentionKeepsEvidenceWhenTheRowsItWouldDeleteWereTamperedWith() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        appendAt(now.minus(Duration.ofDays(400)), 4);
        AuditTampering.asOwner(jdbc, "update audit_log set actor = 'user:mallory' where seq = 2");

        assertThat(retention(now, "365d").prune()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class))
                .isEqualTo(4);
    }

    @Test
    void retentionZeroKeepsEverything() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        appendAt(now.minus(Duration.ofDays(4000)), 2);

        assertThat(retention(now, "0").prune()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class))
                .isEqualTo(2);
    }

    private AuditRetention retention(Instant now, String retention) {
        AuditProperties properties = new AuditProperties(
                org.springframework.boot.convert.DurationStyle.detectAndParse(retention), Duration.ofDays(1));
        return new AuditRetention(jdbc, transactions, chain, log, properties, Clock.fixed(now, ZoneOffset.UTC));
    }

    private void append(int rows) {
        for (int i = 1; i <= rows; i++) {
            log.record(new AuditEntry(
                    "user:alice",
                    "alert.update",
                    "/api/v1/alerts/" + i,
                    AuditOutcome.SUCCESS,
                    "10.0.0." + i,
                    "curl/8",
                    Map.of("n", Integer.toString(i))));
        }
    }

    private void appendAt(Instant at, int rows) {
        JdbcAuditLog writer = new JdbcAuditLog(jdbc, transactions, Clock.fixed(at, ZoneOffset.UTC));
        for (int i = 0; i < rows; i++) {
            writer.record(AuditEntry.of("user:alice", "test.old", "t" + i, AuditOutcome.SUCCESS));
        }
    }

    private java.util.UUID idOf(long seq) {
        return jdbc.queryForObject("select id from audit_log where seq = ?", java.util.UUID.class, seq);
    }

    private static AuditChainProblem problemOf(AuditVerification result, long rowsBefore) {
        assertThat(result.intact()).as("tampering must be detected").isFalse();
        assertThat(result.rowsChecked()).isEqualTo(rowsBefore);
        return java.util.Objects.requireNonNull(result.problem());
    }
}
