package dev.vigil.attack.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One Sigma string value compiled for matching: literal parts between {@code *} wildcards, where {@code ?}
 * inside a part matches any one character. Escaping follows the Sigma specification (and pySigma): a
 * backslash before {@code *}, {@code ?} or another backslash makes it literal; before anything else it is
 * itself a literal backslash, so Windows paths need no doubling.
 *
 * <p>Case-insensitive patterns hold lower-case parts and are matched against lower-cased values, which the
 * event view computes once per field rather than once per rule.
 */
final class StringPattern {

    private final String[] parts;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final boolean hasSingleWildcard;
    private final boolean cased;
    private final String text;

    private StringPattern(
            List<String> parts,
            boolean anchoredStart,
            boolean anchoredEnd,
            boolean single,
            boolean cased,
            String text) {
        this.parts = parts.toArray(String[]::new);
        this.anchoredStart = anchoredStart;
        this.anchoredEnd = anchoredEnd;
        this.hasSingleWildcard = single;
        this.cased = cased;
        this.text = text;
    }

    /** A literal value: no wildcards at all (used for encoded values and field references). */
    static StringPattern literal(String value, Position position, boolean cased) {
        String v = cased ? value : value.toLowerCase(Locale.ROOT);
        return new StringPattern(
                List.of(v),
                position == Position.EXACT || position == Position.PREFIX,
                position == Position.EXACT || position == Position.SUFFIX,
                false,
                cased,
                value);
    }

    /**
     * A Sigma value with wildcards. {@code position} is what the modifier adds: {@code contains} puts a
     * {@code *} at both ends, {@code startswith} at the end, {@code endswith} at the start.
     */
    static StringPattern sigma(String value, Position position, boolean cased) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean single = false;
        boolean leadingStar = false;
        boolean trailingStar = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                part.append(value.charAt(++i) == '?' ? ESCAPED_QUESTION : value.charAt(i));
                trailingStar = false;
            } else if (c == '*') {
                if (parts.isEmpty() && part.isEmpty()) {
                    leadingStar = true;
                } else if (!part.isEmpty()) {
                    parts.add(part.toString());
                    part.setLength(0);
                }
                trailingStar = true;
            } else {
                if (c == '?') {
                    single = true;
                }
                part.append(c);
                trailingStar = false;
            }
        }
        if (!part.isEmpty() || parts.isEmpty()) {
            parts.add(part.toString());
        }
        List<String> cleaned = new ArrayList<>(parts.size());
        for (String p : parts) {
            String q = cased ? p : p.toLowerCase(Locale.ROOT);
            cleaned.add(q);
        }
        boolean start = !leadingStar && position != Position.CONTAINS && position != Position.SUFFIX;
        boolean end = !trailingStar && position != Position.CONTAINS && position != Position.PREFIX;
        if (value.equals("*")) {
            start = false;
            end = false;
        }
        return new StringPattern(cleaned, start, end, single, cased, value);
    }

    /**
     * The text a Sigma value stands for, escapes resolved, or null when it has a wildcard: what the
     * encoding modifiers encode ({@code 'what\?'} is the text {@code what?}).
     */
    static @Nullable String plain(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                text.append(value.charAt(++i));
            } else if (c == '*' || c == '?') {
                return null;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    /**
     * The Sigma value with each run of literal text replaced by {@code transform} of it (escaped again) and
     * its wildcards kept: how {@code wide} turns a value into UTF-16 without losing its wildcards.
     */
    static String mapLiterals(String value, UnaryOperator<String> transform) {
        StringBuilder out = new StringBuilder();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                run.append(value.charAt(++i));
            } else if (c == '*' || c == '?') {
                escape(transform.apply(run.toString()), out);
                run.setLength(0);
                out.append(c);
            } else {
                run.append(c);
            }
        }
        escape(transform.apply(run.toString()), out);
        return out.toString();
    }

    private static void escape(String literal, StringBuilder out) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** Stands for an escaped {@code ?} (a literal question mark) inside a part; a private-use character. */
    private static final char ESCAPED_QUESTION = '\uE000';

    enum Position {
        EXACT,
        CONTAINS,
        PREFIX,
        SUFFIX
    }

    boolean cased() {
        return cased;
    }

    /** The value as the rule wrote it, for explanations. */
    String text() {
        return text;
    }

    /** The exact (lower-case unless cased) value this pattern equals, or null when it has wildcards. */
    @Nullable
    String exactValue() {
        return parts.length == 1 && anchoredStart && anchoredEnd && !hasSingleWildcard ? restore(parts[0]) : null;
    }

    /**
     * The lower-case file name after the last backslash that every match must end with, such as
     * {@code powershell.exe} for {@code endswith: '\powershell.exe'}; null when the pattern does not pin one.
     */
    @Nullable
    String requiredFileName() {
        if (!anchoredEnd || hasSingleWildcard) {
            return null;
        }
        String last = parts[parts.length - 1];
        int slash = last.lastIndexOf('\\');
        if (slash < 0 || slash == last.length() - 1 || (parts.length == 1 && anchoredStart && slash < 0)) {
            return null;
        }
        return restore(last.substring(slash + 1)).toLowerCase(Locale.ROOT);
    }

    /**
     * The longest run of literal characters every match contains, lower-cased; empty when there is none
     * (a lone {@code *}). Used as a {@code contains} index key.
     */
    String requiredLiteral() {
        String best = "";
        for (String part : parts) {
            for (String piece : hasSingleWildcard ? part.split("\\?", -1) : new String[] {part}) {
                if (piece.length() > best.length()) {
                    best = piece;
                }
            }
        }
        return restore(best).toLowerCase(Locale.ROOT);
    }

    private static String restore(String part) {
        return part.indexOf(ESCAPED_QUESTION) < 0 ? part : part.replace(ESCAPED_QUESTION, '?');
    }

    /** Matches a value that is already lower-cased when this pattern is case-insensitive. */
    boolean matches(String value) {
        int n = parts.length;
        if (n == 1) {
            String p = parts[0];
            if (anchoredStart && anchoredEnd) {
                return value.length() == p.length() && regionMatches(value, 0, p);
            }
            if (anchoredStart) {
                return value.length() >= p.length() && regionMatches(value, 0, p);
            }
            if (anchoredEnd) {
                return value.length() >= p.length() && regionMatches(value, value.length() - p.length(), p);
            }
            return indexOf(value, p, 0) >= 0;
        }
        int from = 0;
        int limit = value.length();
        int first = 0;
        int last = n;
        if (anchoredStart) {
            String p = parts[0];
            if (value.length() < p.length() || !regionMatches(value, 0, p)) {
                return false;
            }
            from = p.length();
            first = 1;
        }
        if (anchoredEnd) {
            String p = parts[n - 1];
            if (limit - from < p.length() || !regionMatches(value, limit - p.length(), p)) {
                return false;
            }
            limit -= p.length();
            last = n - 1;
        }
        for (int i = first; i < last; i++) {
            int at = indexOf(value, parts[i], from);
            if (at < 0 || at + parts[i].length() > limit) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }

    private boolean regionMatches(String value, int offset, String part) {
        if (!hasSingleWildcard && part.indexOf(ESCAPED_QUESTION) < 0) {
            return value.startsWith(part, offset);
        }
        for (int i = 0; i < part.length(); i++) {
            char p = part.charAt(i);
            char v = value.charAt(offset + i);
            if (p == ESCAPED_QUESTION ? v != '?' : (p != '?' && p != v)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String value, String part, int from) {
        if (!hasSingleWildcard && part.indexOf(ESCAPED_QUESTION) < 0) {
            return value.indexOf(part, from);
        }
        for (int i = from; i + part.length() <= value.length(); i++) {
            if (regionMatches(value, i, part)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return text;
    }
}
