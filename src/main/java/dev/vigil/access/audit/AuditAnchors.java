package dev.vigil.access.audit;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Where the chain starts: after the newest retention anchor, or at the very beginning. */
final class AuditAnchors {

    private AuditAnchors() {}

    static Anchor newest(JdbcTemplate jdbc) {
        List<Anchor> anchors = jdbc.query(
                "select seq, hash from audit_anchor order by seq desc limit 1",
                (rs, n) -> new Anchor(rs.getLong(1), rs.getBytes(2)));
        return anchors.isEmpty() ? new Anchor(0, ChainHash.GENESIS) : anchors.get(0);
    }

    /** The seq and hash of the row the next one must follow. */
    record Anchor(long seq, byte[] hash) {}
}
