package dev.vigil.ingest.parse;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Zeek's {@code ts}: epoch seconds with microseconds (kept exactly), or ISO-8601 from JSON writers set to it. */
final class ZeekTime {

    /** The year 3000: a later time is a malformed field, not a real event. */
    private static final long MAX_SECONDS = 32503680000L;

    private ZeekTime() {}

    static @Nullable Instant of(JsonNode node) {
        JsonNode ts = node.path("ts");
        if (ts.isNumber()) {
            return ofSeconds(ts.decimalValue());
        }
        return parse(Fields.text(node, "ts"));
    }

    /** Epoch seconds as text; masked ({@code XXXXXXXXXX.XXXXXX}) or malformed times are {@code null}. */
    static @Nullable Instant parse(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        if (first < '0' || first > '9') {
            return null;
        }
        if (text.indexOf('-') > 0) {
            return Fields.instant(text);
        }
        return ofSecondsText(text);
    }

    /** "1521911721.123456" read digit by digit: the common case, and BigDecimal costs more than the rest of a record. */
    private static @Nullable Instant ofSecondsText(String text) {
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > 11 || fraction.length() > 9 || !digits(whole) || !digits(fraction)) {
            return null;
        }
        long seconds = Long.parseLong(whole);
        if (seconds > MAX_SECONDS) {
            return null;
        }
        int nanos = 0;
        for (int i = 0; i < 9; i++) {
            nanos = nanos * 10 + (i < fraction.length() ? fraction.charAt(i) - '0' : 0);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static @Nullable Instant ofSeconds(BigDecimal seconds) {
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            return null;
        }
        long whole = seconds.longValue();
        int nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
