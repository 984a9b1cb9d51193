package dev.vigil.ingest.parse;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A Windows event read from its XML: System values and EventData/UserData values by name. */
record WindowsXmlEvent(Map<String, String> values) implements WindowsEventFields {

    @Override
    public @Nullable String get(String name) {
        return WindowsEventFields.clean(values.get(name));
    }
}
