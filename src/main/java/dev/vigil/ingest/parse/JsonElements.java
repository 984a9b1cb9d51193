package dev.vigil.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cuts the elements of an array field out of a record with their exact original text and line, so an
 * alert taken from a list response ({@code {"value":[...]}}, an incident's {@code alerts}, Splunk's
 * {@code results}) keeps its own verbatim raw payload rather than the whole list or a re-serialised copy.
 */
final class JsonElements {

    private JsonElements() {}

    /**
     * The elements of the top-level array field {@code field} of {@code record}, each as a record with
     * the parent's index, its own start line and text; empty when the field is not an array.
     */
    /**
     * The records an OData response holds: the elements of its {@code field} list, none for an empty page
     * (nothing is wrong with it), or the record itself when it is not a list.
     */
    static List<JsonRecord> listOrSelf(JsonRecord record, String field) {
        List<JsonRecord> listed = of(record, field);
        if (listed.isEmpty()) {
            return record.node().path(field).isArray() ? List.of() : List.of(record);
        }
        return listed;
    }

    static List<JsonRecord> of(JsonRecord record, String field) {
        JsonNode array = record.node().path(field);
        if (!array.isArray() || array.isEmpty()) {
            return List.of();
        }
        List<JsonRecord> elements = new ArrayList<>(array.size());
        // The record was already parsed once under the ingest limits, so a plain scan of its text is safe.
        try (JsonParser parser = JsonMapper.shared().createParser(record.raw())) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !seekArray(parser, field)) {
                return compact(record, array);
            }
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY && i < array.size()) {
                int from = (int) parser.currentTokenLocation().getCharOffset();
                int line = parser.currentTokenLocation().getLineNr();
                parser.skipChildren();
                int to = (int) parser.currentLocation().getCharOffset();
                elements.add(new JsonRecord(
                        record.index(),
                        record.line() == null ? null : record.line() + line - 1,
                        array.get(i++),
                        record.raw().substring(from, to)));
            }
        } catch (JacksonException e) {
            // Cannot happen for text that parsed before; should it, the compact form still loses nothing.
            return compact(record, array);
        }
        return elements.size() == array.size() ? elements : compact(record, array);
    }

    private static List<JsonRecord> compact(JsonRecord record, JsonNode array) {
        List<JsonRecord> elements = new ArrayList<>(array.size());
        for (JsonNode element : array.values()) {
            elements.add(new JsonRecord(record.index(), record.line(), element, element.toString()));
        }
        return elements;
    }

    /** Moves the parser onto the START_ARRAY of the named top-level field. */
    private static boolean seekArray(JsonParser parser, String field) {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            boolean wanted = field.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (wanted && value == JsonToken.START_ARRAY) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }
}
