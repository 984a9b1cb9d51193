package dev.vigil.attack.sigma;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON record into flat field names: nested objects join their names with dots
 * ({@code winlog.event_data.Image}), arrays of values become one comma-separated text. Streaming, so an
 * event is read once without building a tree.
 */
final class JsonFlattener {

    /** Values this long are cut: rules test command lines and paths, not megabyte blobs. */
    static final int MAX_VALUE_LENGTH = 32_768;

    private JsonFlattener() {}

    /** The fields, or an empty map when the text is not a JSON object. */
    static Map<String, String> flatten(String json) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JsonMapper.shared().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            object(parser, "", fields, 0);
        } catch (JacksonException e) {
            return Map.of();
        }
        return fields;
    }

    private static void object(JsonParser parser, String prefix, Map<String, String> fields, int depth) {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                if (depth < 8) {
                    object(parser, name + ".", fields, depth + 1);
                } else {
                    parser.skipChildren();
                }
            } else if (value == JsonToken.START_ARRAY) {
                array(parser, name, fields);
            } else if (value != JsonToken.VALUE_NULL) {
                fields.put(name, cut(parser.getString()));
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected " + token);
        }
    }

    private static void array(JsonParser parser, String name, Map<String, String> fields) {
        StringBuilder joined = new StringBuilder();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else if (token != JsonToken.VALUE_NULL) {
                if (!joined.isEmpty()) {
                    joined.append(',');
                }
                joined.append(parser.getString());
            }
        }
        if (!joined.isEmpty()) {
            fields.put(name, cut(joined.toString()));
        }
    }

    private static String cut(String value) {
        return value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value;
    }
}
