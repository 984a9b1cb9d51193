package dev.vigil.access.audit;

import org.springframework.jdbc.core.JdbcTemplate;

/** What an attacker who owns the tables can do: switch the append-only triggers off, change rows, switch them on. */
final class AuditTampering {

    private AuditTampering() {}

    static void asOwner(JdbcTemplate jdbc, String... statements) {
        jdbc.execute("alter table audit_log disable trigger user");
        jdbc.execute("alter table audit_anchor disable trigger user");
        try {
            for (String sql : statements) {
                jdbc.execute(sql);
            }
        } finally {
            jdbc.execute("alter table audit_log enable trigger user");
            jdbc.execute("alter table audit_anchor enable trigger user");
        }
    }
}
