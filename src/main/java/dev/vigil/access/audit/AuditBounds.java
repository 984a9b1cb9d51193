package dev.vigil.access.audit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Makes an entry's strings storable and small. No caller can bloat a row: every field has a length limit
 * and details a count limit. Strings are also made to survive PostgreSQL unchanged (text and jsonb refuse
 * NUL; an unpaired surrogate has no UTF-8 form), since the hash is computed before the row is stored.
 */
final class AuditBounds {

    static final int ACTOR = 200;
    static final int ACTION = 100;
    static final int TARGET = 512;
    static final int OUTCOME = 16;
    static final int IP = 64;
    static final int USER_AGENT = 256;
    static final int DETAILS = 32;
    static final int DETAIL_KEY = 64;
    static final int DETAIL_VALUE = 512;

    private AuditBounds() {}

    static @Nullable String clip(@Nullable String value, int max) {
        return value == null ? null : clipped(value, max);
    }

    static String clipped(String value, int max) {
        String clean =
                new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
        if (clean.length() <= max) {
            return clean;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + "…";
    }

    /** At most {@link #DETAILS} entries (the first in key order), each key and value clipped. */
    static Map<String, String> details(Map<String, String> details) {
        Map<String, String> bounded = new TreeMap<>();
        for (var detail : new TreeMap<>(details).entrySet()) {
            if (bounded.size() == DETAILS) {
                break;
            }
            bounded.putIfAbsent(
                    clipped(detail.getKey(), DETAIL_KEY), clipped(String.valueOf(detail.getValue()), DETAIL_VALUE));
        }
        return bounded;
    }
}
