package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil audit verify} as an operator runs it, against the PostgreSQL server on 127.0.0.1:5432 (a
 * schema of its own), after tampering done directly in the database.
 */
class AuditVerifyCommandIT {

    private static final String SERVER =
            System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres");
    private static final Map<String, String> PROPERTIES =
            Map.of("spring.datasource.username", USER, "spring.flyway.create-schemas", "true");

    private final String schema =
            "vigil_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String url = SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + schema;

    @BeforeEach
    void pointVigilAtTheSchema() {
        PROPERTIES.forEach(System::setProperty);
        System.setProperty("spring.datasource.url", url);
        System.setProperty("spring.flyway.schemas", schema);
    }

    @AfterEach
    void forgetTheSchema() {
        PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("spring.datasource.url");
        System.clearProperty("spring.flyway.schemas");
    }

    @Test
    void anIntactLogExitsZero() {
        appendRows(5);

        CommandRun vigil = new CommandRun();
        int exit = vigil.run("audit", "verify");

        assertThat(exit).as(vigil.err.toString()).isZero();
        assertThat(vigil.out.toString()).contains("Audit log intact: 5 rows checked");
    }

    @Test
    void anEditedRowExitsOneAndIsNamed() throws SQLException {
        appendRows(5);
        tamper("update audit_log set actor = 'user:mallory' where seq = 3");

        CommandRun vigil = new CommandRun();
        int exit = vigil.run("audit", "verify");

        assertThat(exit).isEqualTo(1);
        assertThat(vigil.out.toString())
                .contains("Audit log TAMPERED: edited at seq 3 (id " + idOf(3))
                .contains("2 rows verified before it");
    }

    @Test
    void aDeletedRowExitsOneAndIsNamed() throws SQLException {
        appendRows(5);
        tamper("delete from audit_log where seq = 2");

        CommandRun vigil = new CommandRun();

        assertThat(vigil.run("audit", "verify")).isEqualTo(1);
        assertThat(vigil.out.toString()).contains("deleted at seq 3", "row 2 is missing");
    }

    @Test
    void swappedRowsExitOneAndAreNamed() throws SQLException {
        appendRows(5);
        tamper(
                "update audit_log set seq = -1 where seq = 4",
                "update audit_log set seq = 4 where seq = 5",
                "update audit_log set seq = 5 where seq = -1");

        CommandRun vigil = new CommandRun();

        assertThat(vigil.run("audit", "verify")).isEqualTo(1);
        assertThat(vigil.out.toString()).contains("reordered at seq 4", "follows row 5");
    }

    @Test
    void theHeadAnIntactLogPrintsCatchesDeletedNewestRowsLater() throws SQLException {
        appendRows(5);
        CommandRun first = new CommandRun();
        assertThat(first.run("audit", "verify")).isZero();
        java.util.regex.Matcher printed =
                java.util.regex.Pattern.compile("Head: (5:[0-9a-f]{64})").matcher(first.out.toString());
        assertThat(printed.find()).as(first.out.toString()).isTrue();
        String head = printed.group(1);

        CommandRun unchanged = new CommandRun();
        assertThat(unchanged.run("audit", "verify", "--expect-head", head)).isZero();

        tamper("delete from audit_log where seq > 3");
        CommandRun plain = new CommandRun();
        assertThat(plain.run("audit", "verify"))
                .as("a shorter chain is still a valid chain")
                .isZero();
        CommandRun checked = new CommandRun();
        assertThat(checked.run("audit", "verify", "--expect-head", head)).isEqualTo(1);
        assertThat(checked.out.toString()).contains("Audit log TAMPERED: truncated at seq 5", "ends at seq 3");
    }

    @Test
    void aHeadRetentionDeletedIsCheckedAgainstItsAnchorOrReportedUncheckedWithExitThree() throws SQLException {
        appendRows(6);
        CommandRun first = new CommandRun();
        assertThat(first.run("audit", "verify")).isZero();
        java.util.regex.Matcher printed =
                java.util.regex.Pattern.compile("Head: (6:[0-9a-f]{64})").matcher(first.out.toString());
        assertThat(printed.find()).as(first.out.toString()).isTrue();
        String sixth = printed.group(1);
        appendRows(2);
        // As retention does: delete the oldest six rows and anchor the chain at the last one deleted.
        tamper(
                "insert into audit_anchor (seq, hash, row_at, pruned_at, rows_pruned)"
                        + " select seq, hash, at, now(), 6 from audit_log where seq = 6",
                "delete from audit_log where seq <= 6");

        CommandRun anchored = new CommandRun();
        assertThat(anchored.run("audit", "verify", "--expect-head", sixth)).isZero();

        CommandRun rewritten = new CommandRun();
        String otherHash = "6:" + "0".repeat(64);
        assertThat(rewritten.run("audit", "verify", "--expect-head", otherHash)).isEqualTo(1);
        assertThat(rewritten.out.toString()).contains("unlinked at seq 6", "retention anchor");

        CommandRun pruned = new CommandRun();
        assertThat(pruned.run("audit", "verify", "--expect-head", "4:" + "0".repeat(64)))
                .isEqualTo(3);
        assertThat(pruned.out.toString()).contains("Audit log intact", "could not be checked");
    }

    @Test
    void aMalformedExpectedHeadExitsTwo() {
        CommandRun vigil = new CommandRun();

        assertThat(vigil.run("audit", "verify", "--expect-head", "5:nothex")).isEqualTo(2);
        assertThat(vigil.err.toString()).contains("--expect-head wants SEQ:HASH");
    }

    @Test
    void noDatabaseExitsTwo() {
        System.setProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");

        CommandRun vigil = new CommandRun();

        assertThat(vigil.run("audit", "verify")).isEqualTo(2);
        assertThat(vigil.err.toString()).contains("vigil: cannot check the audit log");
    }

    private void appendRows(int rows) {
        try (OfflineContext context = OfflineContext.open()) {
            AuditLog log = context.bean(AuditLog.class);
            for (int i = 1; i <= rows; i++) {
                log.record(AuditEntry.of("user:alice", "alert.update", "/api/v1/alerts/" + i, AuditOutcome.SUCCESS));
            }
        }
    }

    private void tamper(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, USER, null);
                Statement sql = connection.createStatement()) {
            sql.execute("alter table audit_log disable trigger user");
            for (String statement : statements) {
                sql.execute(statement);
            }
            sql.execute("alter table audit_log enable trigger user");
        }
    }

    private String idOf(long seq) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, USER, null);
                Statement sql = connection.createStatement();
                var rs = sql.executeQuery("select id from audit_log where seq = " + seq)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
