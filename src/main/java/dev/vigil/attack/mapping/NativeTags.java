package dev.vigil.attack.mapping;

import dev.vigil.alert.Alert;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The technique ids a sensor put on its own alert: Defender and Graph {@code mitreTechniques}, Suricata (ET
 * rule) {@code alert.metadata.mitre_technique_id}, Splunk {@code annotations.mitre_attack} (nested, or
 * flattened as Splunk writes multivalue fields). Read from the raw record, which every alert keeps.
 */
final class NativeTags {

    private NativeTags() {}

    static List<String> of(Alert alert) {
        JsonNode raw;
        try {
            raw = switch (alert.source()) {
                case DEFENDER, GRAPH, SURICATA, SPLUNK -> JsonMapper.shared().readTree(alert.raw());
                default -> null;
            };
        } catch (JacksonException e) {
            return List.of();
        }
        if (raw == null || !raw.isObject()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        switch (alert.source()) {
            case DEFENDER, GRAPH -> collect(raw.path("mitreTechniques"), ids);
            case SURICATA -> collect(raw.path("alert").path("metadata").path("mitre_technique_id"), ids);
            case SPLUNK -> {
                for (JsonNode row : List.of(raw, raw.path("result"), raw.path("event"))) {
                    collect(row.path("annotations").path("mitre_attack"), ids);
                    collect(row.path("annotations.mitre_attack"), ids);
                }
            }
            default -> {
                // Zeek and Windows events carry no ATT&CK tags of their own.
            }
        }
        return ids;
    }

    private static void collect(JsonNode node, List<String> ids) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, ids));
        } else if (node.isString()) {
            // Splunk may flatten a multivalue field into one string separated by newlines or commas.
            for (String part : node.asString().split("[\\s,;]+")) {
                if (!part.isBlank()) {
                    ids.add(part);
                }
            }
        }
    }
}
