package dev.vigil.ingest.parse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Lenient reads of JSON fields for parsers: sensors leave fields out, send null, or use a number where
 * a string is expected, and none of that may fail a record that is otherwise usable.
 */
final class Fields {

    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{9,11}(\\.\\d+)?");
    private static final Pattern ZONED = Pattern.compile(".*(Z|[+-]\\d{2}:?\\d{2})$");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private Fields() {}

    /** The first of the named fields that holds a non-blank scalar, as text; dotted names are paths. */
    static @Nullable String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = at(node, name);
            if (value.isValueNode() && !value.isNull()) {
                String text = value.asString("");
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return null;
    }

    static @Nullable Integer integer(JsonNode node, String... names) {
        return integer(text(node, names));
    }

    /** A whole number from text, or {@code null} when the text is absent or is not one. */
    static @Nullable Integer integer(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static @Nullable Long longValue(JsonNode node, String... names) {
        String text = text(node, names);
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first named field that parses as a time: ISO-8601 (with or without zone, taken as UTC) or epoch seconds. */
    static @Nullable Instant instant(JsonNode node, String... names) {
        for (String name : names) {
            Instant instant = instant(text(node, name));
            if (instant != null) {
                return instant;
            }
        }
        return null;
    }

    static @Nullable Instant instant(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            if (EPOCH_SECONDS.matcher(value).matches()) {
                double seconds = Double.parseDouble(value);
                return Instant.ofEpochMilli((long) (seconds * 1000));
            }
            if (ZONED.matcher(value).matches()) {
                return OffsetDateTime.parse(COMPACT_OFFSET.matcher(value).replaceFirst("$1:$2"))
                        .toInstant();
            }
            return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** A field by name, or by a dotted path when no field has the full dotted name (Zeek's "id.orig_h"). */
    static JsonNode at(JsonNode node, String name) {
        JsonNode direct = node.path(name);
        if (!direct.isMissingNode() || name.indexOf('.') < 0) {
            return direct;
        }
        JsonNode current = node;
        for (String part : name.split("\\.")) {
            current = current.path(part);
        }
        return current;
    }
}
