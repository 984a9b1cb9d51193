package dev.vigil.access.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Appending to the audit log in a real PostgreSQL: what is hashed is what comes back. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            // The PostgreSQL server is shared by every test run on the machine: a small pool, closed after the class.
            "spring.datasource.hikari.maximum-pool-size=4"
        })
@DirtiesContext
class JdbcAuditLogIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_audit_");
    }

    @Autowired
    AuditLog log;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rowsReadBackHashToWhatTheirWriterComputedAndChainInOrder() {
        Map<String, String> details = new HashMap<>();
        details.put("reason", "naïve \u0000 nul, emoji 🛡, \"quotes\" and \\ backslash");
        details.put("a-key", "");
        details.put("\ud800lone", "surrogate");
        log.record(new AuditEntry(
                "user:alice",
                "login.failed",
                "x".repeat(5_000),
                AuditOutcome.FAILURE,
                "2001:db8::1",
                "Mozilla/5.0 " + "🛡".repeat(300),
                details));
        log.record(AuditEntry.of("key:7f0c", "key.create", null, AuditOutcome.SUCCESS));
        log.record(AuditEntry.of("cli", "audit.prune", "", AuditOutcome.SUCCESS));

        List<AuditRow> rows = jdbc.query(
                "select " + AuditRows.COLUMNS + " from audit_log order by seq", (rs, n) -> AuditRows.read(rs));

        assertThat(rows).extracting(AuditRow::seq).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(0).prevHash()).isEqualTo(ChainHash.GENESIS);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(ChainHash.of(rows.get(i)))
                    .as("row %d", i + 1)
                    .isEqualTo(rows.get(i).hash());
            if (i > 0) {
                assertThat(rows.get(i).prevHash()).isEqualTo(rows.get(i - 1).hash());
            }
        }
        AuditRow first = rows.get(0);
        assertThat(first.target()).hasSize(AuditBounds.TARGET).endsWith("…");
        assertThat(first.userAgent()).hasSizeLessThanOrEqualTo(AuditBounds.USER_AGENT);
        assertThat(first.details()).containsEntry("reason", "naïve \uFFFD nul, emoji 🛡, \"quotes\" and \\ backslash");
        assertThat(rows.get(1).target()).isNull();
        assertThat(rows.get(2).target()).isEmpty();
    }

    @Test
    void detailsAreCappedInNumberAndLength() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("k" + i, "v".repeat(10_000));
        }
        log.record(new AuditEntry("user:bob", "test.many", null, AuditOutcome.SUCCESS, null, null, many));

        Integer size = jdbc.queryForObject(
                "select octet_length(details::text) from audit_log where action = 'test.many'", Integer.class);
        assertThat(size).isLessThan(AuditBounds.DETAILS * (AuditBounds.DETAIL_VALUE + AuditBounds.DETAIL_KEY + 10));
    }
}
