package dev.vigil.access.audit;

import java.util.List;
import java.util.Optional;
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

    /** The hash of the row at {@code seq} if a prune ended there (each prune anchors its last deleted row). */
    static Optional<byte[]> hashAt(JdbcTemplate jdbc, long seq) {
        return jdbc.query("select hash from audit_anchor where seq = ?", (rs, n) -> rs.getBytes(1), seq).stream()
                .findFirst();
    }

    /** The seq and hash of the row the next one must follow. */
    record Anchor(long seq, byte[] hash) {}
}
