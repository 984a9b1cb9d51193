package dev.vigil.ingest.parse;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Zeek's default tab-separated logs: the {@code #separator}, {@code #set_separator},
 * {@code #empty_field}, {@code #unset_field}, {@code #path} and {@code #fields} header (a new header may
 * follow a {@code #close} when logs are concatenated), then one record per line. Other comment lines
 * ({@code #open}, {@code #types}, {@code #close}, btest banners) are skipped. Lines are split by hand:
 * this runs once per record on large logs.
 */
final class ZeekTsvReader {

    /** Receives rows and refused lines in input order; {@code index} counts data lines. */
    interface Handler {
        void row(ZeekTsvRow row);

        void reject(int index, int line, String error);
    }

    private final long maxRecordBytes;

    ZeekTsvReader(long maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    void read(byte[] input, Handler handler) {
        String text = new String(input, StandardCharsets.UTF_8);
        char separator = '\t';
        String unset = "-";
        String empty = "(empty)";
        @Nullable String path = null;
        @Nullable String fieldsLine = null;
        Map<String, Integer> columns = Map.of();
        int fieldCount = 0;
        int index = 0;
        int lineNumber = 0;
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            int next = newline < 0 ? text.length() : newline + 1;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            lineNumber++;
            String line = text.substring(start, end);
            start = next;
            if (line.isBlank()) {
                continue;
            }
            if (line.charAt(0) == '#') {
                if (line.startsWith("#separator")) {
                    separator = separator(line.substring("#separator".length()).trim(), separator);
                    continue;
                }
                String[] parts = split(line, separator);
                switch (parts[0]) {
                    case "#fields" -> {
                        fieldsLine = line;
                        fieldCount = parts.length - 1;
                        columns = new HashMap<>();
                        for (int i = 1; i < parts.length; i++) {
                            columns.put(parts[i], i - 1);
                        }
                    }
                    case "#path" -> path = parts.length > 1 ? parts[1] : null;
                    case "#unset_field" -> unset = parts.length > 1 ? parts[1] : unset;
                    case "#empty_field" -> empty = parts.length > 1 ? parts[1] : empty;
                    default -> {
                        // #set_separator, #open, #types, #close and foreign comments carry nothing we map.
                    }
                }
                continue;
            }
            int recordIndex = index++;
            if (fieldsLine == null) {
                handler.reject(recordIndex, lineNumber, "Zeek data line before any #fields header");
                continue;
            }
            if (line.length() + fieldsLine.length() + 1 > maxRecordBytes) {
                handler.reject(
                        recordIndex,
                        lineNumber,
                        "record is over the limit of " + maxRecordBytes + " bytes for one alert");
                continue;
            }
            String[] values = split(line, separator);
            if (values.length != fieldCount) {
                handler.reject(
                        recordIndex,
                        lineNumber,
                        "malformed Zeek line: expected " + fieldCount + " fields separated by " + describe(separator)
                                + ", found " + values.length);
                continue;
            }
            handler.row(new ZeekTsvRow(
                    recordIndex, lineNumber, path, columns, values, unset, empty, fieldsLine + "\n" + line));
        }
    }

    static String[] split(String line, char separator) {
        int count = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == separator) {
                count++;
            }
        }
        String[] parts = new String[count];
        int from = 0;
        int part = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == separator) {
                parts[part++] = line.substring(from, i);
                from = i + 1;
            }
        }
        parts[part] = line.substring(from);
        return parts;
    }

    /** The header writes the separator escaped ({@code \x09}); anything unreadable keeps the current one. */
    private static char separator(String value, char current) {
        if (value.length() == 1) {
            return value.charAt(0);
        }
        String unescaped = ZeekTsvRow.unescape(value);
        return unescaped.length() == 1 ? unescaped.charAt(0) : current;
    }

    private static String describe(char separator) {
        return separator == '\t' ? "tabs" : "'" + separator + "'";
    }
}
