package dev.vigil.access.audit;

import dev.vigil.access.AuditChain;
import dev.vigil.access.AuditChainProblem;
import dev.vigil.access.AuditChainProblem.Kind;
import dev.vigil.access.AuditHead;
import dev.vigil.access.AuditVerification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the audit chain in seq order, a page of rows at a time from a cursor (the table is never loaded), in
 * one repeatable-read snapshot so that appends and retention running meanwhile do not disturb it. Reports
 * the first row that breaks the chain.
 */
@Component
class AuditChainVerifier implements AuditChain {

    static final int FETCH_SIZE = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    AuditChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public AuditVerification verify(@Nullable AuditHead expected) {
        AuditVerification result = snapshot.execute(status -> jdbc.execute((ConnectionCallback<AuditVerification>)
                connection -> walk(connection, AuditAnchors.newest(jdbc), expected)));
        return java.util.Objects.requireNonNull(result);
    }

    private AuditVerification walk(Connection connection, AuditAnchors.Anchor start, @Nullable AuditHead expected)
            throws SQLException {
        boolean expectedHeadPruned = false;
        if (expected != null && expected.seq() <= start.seq()) {
            // Retention deleted that row. An anchor still holds its hash if a prune ended exactly there.
            Optional<byte[]> anchored = AuditAnchors.hashAt(jdbc, expected.seq());
            if (anchored.isPresent() && !Arrays.equals(anchored.get(), expected.hash())) {
                AuditChainProblem rewritten = new AuditChainProblem(
                        Kind.UNLINKED,
                        expected.seq(),
                        null,
                        null,
                        "the retention anchor at this seq holds another hash than the expected head: the chain up"
                                + " to it was rewritten before it was pruned");
                return new AuditVerification(0, start.seq() + 1, rewritten, null);
            }
            expectedHeadPruned = anchored.isEmpty();
            expected = null;
        }
        long expectedSeq = start.seq() + 1;
        byte[] expectedPrev = start.hash();
        long checked = 0;
        @Nullable AuditRow last = null;
        try (PreparedStatement rows = connection.prepareStatement(
                "select " + AuditRows.COLUMNS + " from audit_log where seq > ? order by seq")) {
            rows.setFetchSize(FETCH_SIZE);
            rows.setLong(1, start.seq());
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    AuditRow row = AuditRows.read(rs);
                    AuditChainProblem problem = problem(row, expectedSeq, expectedPrev);
                    if (problem == null && expected != null && row.seq() == expected.seq()) {
                        problem = notTheExpectedHead(row, expected);
                    }
                    if (problem != null) {
                        return new AuditVerification(checked, start.seq() + 1, problem, head(last));
                    }
                    checked++;
                    expectedSeq++;
                    expectedPrev = row.hash();
                    last = row;
                }
            }
        }
        long newest = last == null ? start.seq() : last.seq();
        if (expected != null && expected.seq() > newest) {
            AuditChainProblem truncated = new AuditChainProblem(
                    Kind.TRUNCATED,
                    expected.seq(),
                    last == null ? null : last.id(),
                    last == null ? null : last.at(),
                    "the log ends at seq " + newest + ", before the expected head: its newest rows were deleted");
            return new AuditVerification(checked, start.seq() + 1, truncated, head(last));
        }
        return new AuditVerification(checked, start.seq() + 1, null, head(last), expectedHeadPruned);
    }

    /** The expected head names this row, but another hash: the chain up to it was rewritten. */
    private static @Nullable AuditChainProblem notTheExpectedHead(AuditRow row, AuditHead expected) {
        if (Arrays.equals(row.hash(), expected.hash())) {
            return null;
        }
        return problem(row, Kind.UNLINKED, "its hash is not the expected head's: the chain up to it was rewritten");
    }

    private static @Nullable AuditHead head(@Nullable AuditRow row) {
        return row == null ? null : new AuditHead(row.seq(), row.hash());
    }

    private @Nullable AuditChainProblem problem(AuditRow row, long expectedSeq, byte[] expectedPrev) {
        boolean contentHolds = Arrays.equals(ChainHash.of(row), row.hash());
        if (row.seq() != expectedSeq) {
            String missing = row.seq() - 1 == expectedSeq
                    ? "row " + expectedSeq + " is missing"
                    : "rows " + expectedSeq + " to " + (row.seq() - 1) + " are missing";
            return problem(
                    row,
                    Kind.DELETED,
                    missing + " (deleted): the chain jumps from seq " + (expectedSeq - 1) + " to seq " + row.seq());
        }
        if (!Arrays.equals(row.prevHash(), expectedPrev)) {
            Optional<Long> followed = seqWithHash(row.prevHash());
            if (followed.isPresent()) {
                return problem(
                        row,
                        Kind.REORDERED,
                        "it follows row " + followed.get() + " in the chain, not row " + (row.seq() - 1)
                                + " (rows were reordered)");
            }
            if (!contentHolds) {
                return problem(
                        row,
                        Kind.EDITED,
                        "its content does not match its hash, nor does it follow row " + (row.seq() - 1) + " (edited)");
            }
            return problem(
                    row,
                    Kind.UNLINKED,
                    "it does not follow row " + (row.seq() - 1)
                            + ": that row was re-hashed or rows before it were replaced");
        }
        if (!contentHolds) {
            return problem(row, Kind.EDITED, "its content does not match its hash (edited or forged)");
        }
        return null;
    }

    private Optional<Long> seqWithHash(byte[] hash) {
        List<Long> seqs = jdbc.queryForList("select seq from audit_log where hash = ? limit 1", Long.class, hash);
        return seqs.stream().findFirst();
    }

    private static AuditChainProblem problem(AuditRow row, Kind kind, String reason) {
        return new AuditChainProblem(kind, row.seq(), row.id(), row.at(), reason);
    }
}
