package dev.vigil.ingest.parse;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Windows event exported as JSON: flat, as OTRF/Mordor and NXLog write it (EventData fields at the top
 * level), or in winlogbeat's shape ({@code winlog.event_id}, {@code winlog.event_data.*}).
 */
record WindowsJsonEvent(JsonNode node) implements WindowsEventFields {

    /** Where winlogbeat keeps the System values that flat exports name directly. */
    private static final Map<String, String> WINLOGBEAT = Map.of(
            "EventID", "winlog.event_id",
            "Channel", "winlog.channel",
            "Computer", "winlog.computer_name",
            "SourceName", "winlog.provider_name",
            "RecordNumber", "winlog.record_id",
            "UserID", "winlog.user.identifier",
            "Level", "log.level");

    @Override
    public @Nullable String get(String name) {
        String value = scalar(node.get(name));
        if (value != null) {
            return value;
        }
        JsonNode winlog = node.get("winlog");
        if (winlog == null || !winlog.isObject()) {
            return null;
        }
        value = scalar(winlog.path("event_data").get(name));
        if (value == null) {
            value = scalar(winlog.path("user_data").get(name));
        }
        String alias = WINLOGBEAT.get(name);
        if (value == null && alias != null) {
            value = WindowsEventFields.clean(Fields.text(node, alias));
        }
        return value;
    }

    private static @Nullable String scalar(@Nullable JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        return WindowsEventFields.clean(value.asString(""));
    }
}
