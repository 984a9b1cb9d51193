package dev.vigil.attack.sigma;

import dev.vigil.alert.Alert;
import dev.vigil.alert.SourceFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads an alert's raw record as the fields Sigma rules name, and says which route buckets it belongs to.
 * Windows events (flat OTRF/NXLog JSON, winlogbeat JSON, event XML) and Zeek records (JSON, or the TSV
 * header and row the Zeek parser keeps) are routed; other formats are sensor alerts, not log events.
 */
public final class SigmaEvents {

    /** Names Sigma uses for what some exports call otherwise; consulted only when the name is absent. */
    private static final Map<String, String> WINDOWS_ALIASES = Map.of(
            "Provider_Name", "SourceName",
            "SourceName", "Provider_Name",
            "Computer", "Hostname");

    /** Where winlogbeat keeps the System values that flat exports name directly. */
    private static final Map<String, String> WINLOGBEAT = Map.of(
            "winlog.event_id", "EventID",
            "winlog.channel", "Channel",
            "winlog.computer_name", "Computer",
            "winlog.provider_name", "Provider_Name",
            "winlog.record_id", "EventRecordID");

    private SigmaEvents() {}

    public static @Nullable SigmaEvent of(Alert alert) {
        if (alert.source() == SourceFormat.SYSMON) {
            return windows(alert.raw());
        }
        if (alert.source() == SourceFormat.ZEEK) {
            return zeek(alert);
        }
        return null;
    }

    static @Nullable SigmaEvent windows(String raw) {
        Map<String, String> fields = raw.stripLeading().startsWith("<")
                ? WindowsXmlFields.read(raw)
                : winlogbeat(JsonFlattener.flatten(raw));
        if (fields.isEmpty()) {
            return null;
        }
        List<String> buckets = new ArrayList<>(3);
        String channel = fields.get("Channel");
        String eventId = fields.get("EventID");
        if (channel != null) {
            if (eventId != null) {
                buckets.add(Route.windowsBucket(channel, eventId.strip()));
            }
            buckets.add(Route.windowsBucket(channel, Route.ANY_EVENT_ID));
        }
        buckets.add(Route.windowsBucket("*", Route.ANY_EVENT_ID));
        return new SigmaEvent(new EventView(fields, WINDOWS_ALIASES), buckets);
    }

    private static Map<String, String> winlogbeat(Map<String, String> fields) {
        if (!fields.containsKey("winlog.event_id")) {
            return fields;
        }
        Map<String, String> flat = new HashMap<>(fields);
        fields.forEach((name, value) -> {
            String alias = WINLOGBEAT.get(name);
            if (alias != null) {
                flat.putIfAbsent(alias, value);
            } else if (name.startsWith("winlog.event_data.")) {
                flat.putIfAbsent(name.substring("winlog.event_data.".length()), value);
            } else if (name.startsWith("winlog.user_data.")) {
                flat.putIfAbsent(name.substring("winlog.user_data.".length()), value);
            }
        });
        return flat;
    }

    static @Nullable SigmaEvent zeek(Alert alert) {
        String raw = alert.raw();
        Map<String, String> fields;
        String log;
        if (raw.stripLeading().startsWith("{")) {
            fields = JsonFlattener.flatten(raw);
            log = fields.containsKey("_path") ? fields.get("_path") : fields.get("@stream");
            // json-streaming-logs writes id_orig_h where Zeek (and Sigma) write id.orig_h
            for (String id : List.of("orig_h", "orig_p", "resp_h", "resp_p")) {
                String value = fields.get("id_" + id);
                if (value != null) {
                    fields.putIfAbsent("id." + id, value);
                }
            }
        } else {
            fields = tsv(raw);
            log = null;
        }
        if (fields.isEmpty()) {
            return null;
        }
        if (log == null) {
            log = fields.containsKey("note") ? "notice" : alert.category();
        }
        if (log == null) {
            return null;
        }
        return new SigmaEvent(new EventView(fields), List.of(Route.zeekBucket(log.toLowerCase(Locale.ROOT))));
    }

    /** The Zeek parser keeps a TSV record as its {@code #fields} line, a newline, and its row. */
    private static Map<String, String> tsv(String raw) {
        int newline = raw.indexOf('\n');
        if (!raw.startsWith("#fields") || newline < 0) {
            return Map.of();
        }
        String[] names = raw.substring(0, newline).split("\t", -1);
        String[] values = raw.substring(newline + 1).stripTrailing().split("\t", -1);
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < names.length && i - 1 < values.length; i++) {
            String value = values[i - 1];
            if (!value.equals("-")) {
                fields.put(names[i], value.equals("(empty)") ? "" : value);
            }
        }
        return fields;
    }
}
