package dev.vigil.ingest.parse;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which Zeek log a record comes from: the path the log names ({@code #path}, {@code _path},
 * {@code @stream}), or else what its fields give away.
 */
final class ZeekLogType {

    static final String UNKNOWN = "unknown";

    private ZeekLogType() {}

    static String of(@Nullable String declared, ZeekFields fields) {
        if (declared != null && !declared.isBlank()) {
            return declared.trim().toLowerCase(Locale.ROOT);
        }
        if (fields.has("note")) {
            return "notice";
        }
        if (fields.has("name") && (fields.has("notice") || fields.has("peer"))) {
            return "weird";
        }
        if (fields.has("conn_state") || fields.has("duration")) {
            return "conn";
        }
        if (fields.has("query") || fields.has("qtype")) {
            return "dns";
        }
        if (fields.has("method") || fields.has("uri")) {
            return "http";
        }
        return UNKNOWN;
    }
}
