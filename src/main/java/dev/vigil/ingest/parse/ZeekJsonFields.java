package dev.vigil.ingest.parse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Zeek JSON record: names are read as written by Zeek ({@code id.orig_h}), as nested objects, or with
 * underscores ({@code id_orig_h}, as json-streaming-logs writes them).
 */
record ZeekJsonFields(JsonNode node) implements ZeekFields {

    @Override
    public @Nullable String text(String name) {
        String value = Fields.text(node, name);
        if (value == null && name.indexOf('.') >= 0) {
            value = Fields.text(node, name.replace('.', '_'));
        }
        return value;
    }
}
