package dev.vigil.attack.sigma;

/**
 * A fact an event must have for a rule to match: a field equals a value, or its file name (after the last
 * backslash) is a name. Values are lower-case.
 */
record IndexKey(String field, Kind kind, String value) {

    enum Kind {
        EQUALS,
        FILE_NAME
    }
}
