package dev.vigil.access.audit;

import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An audit row as the API shows it, hashes in hex so that an export can be checked outside Vigil. */
record AuditEntryView(
        long seq,
        String id,
        String at,
        String actor,
        String action,
        @Nullable String target,
        String outcome,
        @Nullable String ip,
        @Nullable String userAgent,
        Map<String, String> details,
        String prevHash,
        String hash) {

    static AuditEntryView of(AuditRow row) {
        HexFormat hex = HexFormat.of();
        return new AuditEntryView(
                row.seq(),
                row.id().toString(),
                row.at().toString(),
                row.actor(),
                row.action(),
                row.target(),
                row.outcome(),
                row.ip(),
                row.userAgent(),
                row.details(),
                hex.formatHex(row.prevHash()),
                hex.formatHex(row.hash()));
    }
}
