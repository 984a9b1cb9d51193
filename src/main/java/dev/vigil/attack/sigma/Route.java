package dev.vigil.attack.sigma;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where a rule's log source is found: Windows events of one channel (and event ids, or all of them), or one
 * Zeek log; and how the rule's field names read in those events.
 *
 * @param bucket the key events of this source are filed under ({@link SigmaEvent#buckets})
 * @param fields rule field name to event field name, for names that differ
 */
record Route(String bucket, Map<String, String> fields) {

    static final String ANY_EVENT_ID = "*";

    static Route windows(String channel, String eventId, Map<String, String> fields) {
        return new Route(windowsBucket(channel, eventId), fields);
    }

    static String windowsBucket(String channel, String eventId) {
        return "windows:" + channel.toLowerCase(java.util.Locale.ROOT) + "#" + eventId;
    }

    static String zeekBucket(String log) {
        return "zeek:" + log.toLowerCase(java.util.Locale.ROOT);
    }

    static Route zeek(String log, Map<String, String> fields) {
        return new Route(zeekBucket(log), fields);
    }

    UnaryOperator<String> fieldNames() {
        return fields.isEmpty() ? UnaryOperator.identity() : name -> fields.getOrDefault(name, name);
    }

    static Set<String> eventIds(String... ids) {
        return Set.of(ids);
    }
}
