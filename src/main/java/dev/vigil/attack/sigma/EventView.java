package dev.vigil.attack.sigma;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An event's fields as Sigma rules see them: flat names ({@code Image}, {@code EventID}, {@code id.orig_h})
 * to text. Lower-cased values are computed once per field and event, however many rules ask.
 */
public final class EventView {

    private final Map<String, String> fields;
    private final Map<String, String> aliases;
    private final HashMap<String, String> lowered = new HashMap<>();

    /**
     * @param aliases names a rule may use for a field the event keeps under another name (Sigma's
     *     {@code Provider_Name} is {@code SourceName} in some exports); used only when the name itself is absent
     */
    public EventView(Map<String, String> fields, Map<String, String> aliases) {
        this.fields = fields;
        this.aliases = aliases;
    }

    public EventView(Map<String, String> fields) {
        this(fields, Map.of());
    }

    public @Nullable String value(String field) {
        String value = fields.get(field);
        if (value == null) {
            String alias = aliases.get(field);
            if (alias != null) {
                value = fields.get(alias);
            }
        }
        return value;
    }

    /** The value lower-cased (locale-independent), for case-insensitive matching. */
    public @Nullable String lower(String field) {
        String cached = lowered.get(field);
        if (cached != null) {
            return cached;
        }
        String value = value(field);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        lowered.put(field, lower);
        return lower;
    }

    /** Every field, for keyword rules that search the whole event. */
    public Map<String, String> fields() {
        return fields;
    }
}
