package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.UnknownFormat;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recognises an input's format from its first record: the one place that knows what each format looks
 * like from the outside.
 */
final class FormatDetector {

    private static final int SNIFF_LINES = 5;

    private final JsonMapper mapper;

    FormatDetector(JsonMapper mapper) {
        this.mapper = mapper;
    }

    SourceFormat detect(byte[] input) {
        int start = Bytes.skipBomAndWhitespace(input, 0);
        if (start >= input.length) {
            throw UnknownFormat.undetectable("the input is empty");
        }
        byte first = input[start];
        if (first == '<') {
            return SourceFormat.SYSMON;
        }
        if (first == '#') {
            return SourceFormat.ZEEK;
        }
        if (first != '{' && first != '[') {
            throw UnknownFormat.undetectable("it is neither JSON, Windows event XML nor a Zeek log");
        }
        return firstObject(input, start)
                .flatMap(FormatDetector::classify)
                .orElseThrow(() -> UnknownFormat.undetectable("no known format has records like the first one"));
    }

    /** The first object of the input (inside an array or a list response), trying a few lines if one is bad. */
    private Optional<JsonNode> firstObject(byte[] input, int start) {
        int from = start;
        for (int attempt = 0; attempt < SNIFF_LINES && from < input.length; attempt++) {
            try (JsonParser parser = mapper.createParser(input, from, input.length - from)) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.START_ARRAY) {
                    token = parser.nextToken();
                }
                if (token == JsonToken.START_OBJECT) {
                    JsonNode node = parser.readValueAsTree();
                    return Optional.of(unwrapList(node));
                }
                return Optional.empty();
            } catch (JacksonException e) {
                from = Bytes.nextLineStartingWith(input, from, (byte) '{');
            }
        }
        return Optional.empty();
    }

    /** OData list responses ({@code {"value": [...]}}) are classified by their first element. */
    private static JsonNode unwrapList(JsonNode node) {
        JsonNode value = node.path("value");
        if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
            return value.get(0);
        }
        return node;
    }

    static Optional<SourceFormat> classify(JsonNode record) {
        if (record.has("event_type") && (record.has("src_ip") || record.has("flow_id") || record.has("alert"))) {
            return Optional.of(SourceFormat.SURICATA);
        }
        if (record.has("machineId") || record.has("alertCreationTime") || record.has("computerDnsName")) {
            return Optional.of(SourceFormat.DEFENDER);
        }
        if (record.has("serviceSource")
                || record.has("providerAlertId")
                || record.has("incidentWebUrl")
                || record.has("alertWebUrl")
                || odataContext(record).contains("security/")) {
            return Optional.of(SourceFormat.GRAPH);
        }
        if (record.has("uid")
                || record.has("id.orig_h")
                || record.has("id_orig_h")
                || record.has("@stream")
                || record.has("_path")) {
            return Optional.of(SourceFormat.ZEEK);
        }
        if (record.has("EventID") || record.has("winlog") || record.has("Channel") || record.has("event_id")) {
            return Optional.of(SourceFormat.SYSMON);
        }
        if ((record.has("sid") && record.has("result"))
                || record.has("search_name")
                || record.has("results_link")
                || (record.has("event") && (record.has("sourcetype") || record.has("time") || record.has("host")))
                || (record.has("fields") && record.has("rows"))
                || record.has("results")
                || record.has("preview")
                || record.has("result")) {
            return Optional.of(SourceFormat.SPLUNK);
        }
        return Optional.empty();
    }

    private static String odataContext(JsonNode record) {
        return record.path("@odata.context").asString("");
    }
}
