package dev.vigil.ingest.parse;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Zeek's {@code ts}: epoch seconds with microseconds (kept exactly), or ISO-8601 from JSON writers set to it. */
final class ZeekTime {

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
        try {
            return ofSeconds(new BigDecimal(text));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static @Nullable Instant ofSeconds(BigDecimal seconds) {
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(32503680000L)) > 0) {
            return null;
        }
        long whole = seconds.longValue();
        int nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
