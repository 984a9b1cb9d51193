package dev.vigil.attack.sigma;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A fact an event must have for a rule to match: a field equals a value, its file name (after the last
 * backslash) is a name, or it contains a literal ({@link #ANY_FIELD} for keywords). Values are lower-case.
 */
record IndexKey(String field, Kind kind, String value) {

    /** The field of keyword keys: the literal may be in any field of the event. */
    static final String ANY_FIELD = "*";

    enum Kind {
        EQUALS,
        FILE_NAME,
        CONTAINS
    }

    /**
     * How many rules' worth of work a key set is expected to let through: exact values and file names are
     * selective; a short literal is found in many values. The index files a rule under its cheapest set.
     */
    static int cost(List<IndexKey> keys) {
        int cost = 0;
        for (IndexKey key : keys) {
            cost += switch (key.kind()) {
                case EQUALS, FILE_NAME -> 2;
                case CONTAINS -> key.value().length() >= 5 ? 3 : key.value().length() >= 3 ? 6 : 20;
            };
        }
        return cost;
    }

    /** The cheaper of two key sets, either of which may be null (not indexable). */
    static @Nullable List<IndexKey> cheaper(@Nullable List<IndexKey> a, @Nullable List<IndexKey> b) {
        boolean noA = a == null || a.isEmpty();
        boolean noB = b == null || b.isEmpty();
        if (noA) {
            return noB ? null : b;
        }
        if (noB) {
            return a;
        }
        return cost(b) < cost(a) ? b : a;
    }
}
