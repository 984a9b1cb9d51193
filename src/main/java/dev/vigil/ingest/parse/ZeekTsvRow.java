package dev.vigil.ingest.parse;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One data line of a Zeek TSV log, read against the {@code #fields} header above it. {@code raw} is that
 * header line, a newline and the data line, both verbatim, so the record can be read again on its own.
 */
record ZeekTsvRow(
        int index,
        int line,
        @Nullable String path,
        Map<String, Integer> columns,
        String[] values,
        String unsetField,
        String emptyField,
        String raw)
        implements ZeekFields {

    @Override
    public @Nullable String text(String name) {
        Integer column = columns.get(name);
        if (column == null) {
            return null;
        }
        String value = values[column];
        if (value.isEmpty() || value.equals(unsetField) || value.equals(emptyField)) {
            return null;
        }
        return value.indexOf('\\') >= 0 ? unescape(value) : value;
    }

    /** Zeek writes a backslash as {@code \\} and separators or unprintable bytes as {@code \xHH}. */
    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                if (next == '\\') {
                    out.append('\\');
                    i++;
                    continue;
                }
                if (next == 'x' && i + 3 < value.length()) {
                    int hi = Character.digit(value.charAt(i + 2), 16);
                    int lo = Character.digit(value.charAt(i + 3), 16);
                    if (hi >= 0 && lo >= 0) {
                        out.append((char) (hi * 16 + lo));
                        i += 3;
                        continue;
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
