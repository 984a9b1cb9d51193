package dev.vigil.cli.defender;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The indicators of an import file, in the field names of Vigil's {@code IndicatorInput}: a JSON array, a JSON
 * object with an {@code indicators} array, or CSV whose header row names those fields (any case; Defender's
 * portal template's {@code RbacGroups} is taken for {@code rbacGroupNames}). Vigil checks each indicator.
 */
final class IndicatorFile {

    /** IndicatorInput's fields, by lower-case name. */
    private static final Map<String, String> FIELDS = new TreeMap<>();

    static {
        for (String field : List.of(
                "indicatorValue",
                "indicatorType",
                "action",
                "severity",
                "title",
                "description",
                "expirationTime",
                "recommendedActions",
                "rbacGroupNames",
                "generateAlert",
                "educateUrl",
                "application",
                "reason")) {
            FIELDS.put(field.toLowerCase(Locale.ROOT), field);
        }
        FIELDS.put("rbacgroups", "rbacGroupNames");
    }

    private IndicatorFile() {}

    static ArrayNode read(Path file) {
        String text = InputFile.read(file);
        String start = text.strip();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1).strip();
        }
        return start.startsWith("[") || start.startsWith("{") ? json(file, start) : csv(file, text);
    }

    private static ArrayNode json(Path file, String text) {
        JsonNode document;
        try {
            document = VigilApi.JSON.readTree(text);
        } catch (JacksonException e) {
            throw Failure.usage(
                    file + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        JsonNode items = document.isArray() ? document : document.path("indicators");
        if (!items.isArray() || items.isEmpty()) {
            throw Failure.usage(file + ": no indicators (a JSON array, or an object with an 'indicators' array)");
        }
        return (ArrayNode) items;
    }

    private static ArrayNode csv(Path file, String text) {
        List<List<String>> records;
        try {
            records = Csv.parse(text);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(file + ": " + e.getMessage());
        }
        if (records.size() < 2) {
            throw Failure.usage(file + ": no indicators (a header row, then one indicator per row)");
        }
        List<String> header = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String column : records.get(0)) {
            String field = FIELDS.get(column.strip().toLowerCase(Locale.ROOT));
            header.add(field);
            if (field == null) {
                unknown.add(column.strip());
            }
        }
        if (!unknown.isEmpty()) {
            throw Failure.usage(file + ": unknown column(s) " + unknown + "; use "
                    + FIELDS.values().stream().distinct().toList());
        }
        ArrayNode items = VigilApi.JSON.createArrayNode();
        for (int row = 1; row < records.size(); row++) {
            List<String> record = records.get(row);
            if (record.size() != header.size()) {
                throw Failure.usage(
                        file + ": row " + (row + 1) + " has " + record.size() + " fields, the header " + header.size());
            }
            ObjectNode item = items.addObject();
            for (int i = 0; i < header.size(); i++) {
                String value = record.get(i).strip();
                if (value.isEmpty()) {
                    continue;
                }
                switch (header.get(i)) {
                    case "rbacGroupNames" -> {
                        ArrayNode groups = item.putArray("rbacGroupNames");
                        for (String group : value.split(";")) {
                            if (!group.isBlank()) groups.add(group.strip());
                        }
                    }
                    case "generateAlert" -> {
                        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                            throw Failure.usage(file + ": row " + (row + 1) + ": generateAlert must be true or false");
                        }
                        item.put("generateAlert", Boolean.parseBoolean(value));
                    }
                    default -> item.put(header.get(i), value);
                }
            }
        }
        return items;
    }
}
