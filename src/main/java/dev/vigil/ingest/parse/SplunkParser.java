package dev.vigil.ingest.parse;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what Splunk sends or exports: alert webhook payloads, HTTP Event Collector envelopes (also
 * concatenated back to back), and search results as {@code output_mode=json} ({@code results}),
 * {@code json_rows} ({@code fields} + {@code rows}) or the export stream ({@code result} per line).
 *
 * <p>Kind: a webhook payload is an {@link AlertKind#ALERT} (Splunk only posts it when a saved search
 * fires). A HEC event or a result row is an ALERT when it carries an alert-like field
 * ({@code search_name, rule_name, severity, urgency, signature, alert}), otherwise an
 * {@link AlertKind#EVENT} kept as context. Title: a webhook's {@code search_name}, else
 * "Splunk alert &lt;sid&gt;"; an alert-like row's {@code search_name/rule_name/signature/alert}; otherwise
 * "&lt;sourcetype&gt; on &lt;host&gt;" (with "Splunk event" or "Splunk search result" standing in for a
 * missing sourcetype). Severity: {@code severity} or {@code urgency} when it is a known name
 * (info/low/medium/high/critical and synonyms), else MEDIUM for alerts and INFO for events; the native
 * value is kept either way. {@code occurredAt}: HEC {@code time}, else the row's {@code _time}. Entities
 * come from the common Splunk (CIM) field names: host, src/src_ip, dest/dest_ip and ports, user,
 * process, parent process, file path and hashes, url and domain.
 *
 * <p>The export stream repeats preview batches that the final batch ({@code "preview":false}) replaces,
 * so preview rows are dropped once a final row arrives; without one, the last preview batch is kept.
 * Search diagnostics without data ({@code messages} only) are skipped.
 *
 * <p>{@code raw}: the whole payload for webhooks, HEC envelopes and export lines; the element's exact
 * text for {@code results} rows; for {@code json_rows}, whose rows are bare arrays that mean nothing
 * without the {@code fields} header, a compact JSON object pairing each field name with its value.
 */
final class SplunkParser implements FormatParser {

    private static final String[] ALERT_FIELDS = {
        "search_name", "rule_name", "severity", "urgency", "signature", "alert"
    };
    private static final String[] ALERT_TITLES = {"search_name", "rule_name", "signature", "alert"};

    private final JsonRecords records;

    SplunkParser(JsonRecords records) {
        this.records = records;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.SPLUNK;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        ExportBatches export = new ExportBatches();
        records.read(input, sink, "Splunk record", record -> read(record, context, sink, export));
        for (JsonRecord row : export.remaining()) {
            mapSafely(row, row.node().path("result"), context, sink);
        }
    }

    private static void read(JsonRecord record, ParseContext context, ParseSink sink, ExportBatches export) {
        JsonNode node = record.node();
        if (node.has("event")) {
            hecEvent(record, context, sink);
        } else if (node.path("results").isArray()) {
            for (JsonRecord row : JsonElements.of(record, "results")) {
                mapSafely(row, row.node(), context, sink);
            }
        } else if (node.path("fields").isArray() && node.path("rows").isArray()) {
            jsonRows(record, context, sink);
        } else if (node.has("sid") || node.has("search_name") || node.has("results_link")) {
            webhook(record, context, sink);
        } else if (node.path("result").isObject()) {
            for (JsonRecord row : export.add(record)) {
                mapSafely(row, row.node().path("result"), context, sink);
            }
        } else if (!node.has("messages") && !node.has("preview")) {
            sink.reject(
                    record.index(),
                    record.line(),
                    "not a Splunk webhook, HEC event or search result: none of result, event, results, rows");
        }
    }

    private static void webhook(JsonRecord record, ParseContext context, ParseSink sink) {
        JsonNode node = record.node();
        JsonNode result = node.path("result");
        String sid = Fields.text(node, "sid");
        String title = Fields.text(node, "search_name");
        if (title == null) {
            title = sid == null ? "Splunk alert" : "Splunk alert " + sid;
        }
        String nativeSeverity = Fields.text(result, "severity", "urgency");
        sink.accept(new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.SPLUNK,
                sid,
                context.receivedAt(),
                time(result.path("_time")),
                title,
                Fields.text(result, "description", "_raw"),
                nativeSeverity,
                severity(nativeSeverity, Severity.MEDIUM),
                Fields.text(result, "category"),
                entities(result).build(),
                tenant(context, node, result),
                record.raw()));
    }

    private static void hecEvent(JsonRecord record, ParseContext context, ParseSink sink) {
        JsonNode node = record.node();
        JsonNode event = node.path("event");
        JsonNode fields = node.path("fields");
        if (event.isNull()
                || (event.isString() && event.asString("").isBlank())
                || (event.isContainer() && event.isEmpty())) {
            sink.reject(record.index(), record.line(), "HEC envelope without an event: 'event' is empty");
            return;
        }
        boolean alert = alertLike(event) || alertLike(fields);
        String host = first(Fields.text(node, "host"), Fields.text(event, "host"));
        String sourcetype = first(Fields.text(node, "sourcetype", "source"), Fields.text(event, "sourcetype"));
        String title = alert ? first(Fields.text(event, ALERT_TITLES), Fields.text(fields, ALERT_TITLES)) : null;
        String nativeSeverity =
                first(Fields.text(event, "severity", "urgency"), Fields.text(fields, "severity", "urgency"));
        Instant occurredAt = time(node.path("time"));
        Entities.Builder entities = entities(event).host(host, null, null);
        addEntities(fields, entities);
        sink.accept(new Alert(
                AlertId.newId(),
                alert ? AlertKind.ALERT : AlertKind.EVENT,
                SourceFormat.SPLUNK,
                Fields.text(event, "alert_id", "event_id"),
                context.receivedAt(),
                occurredAt != null ? occurredAt : time(event.path("_time")),
                title != null ? title : eventTitle(sourcetype, host, "Splunk event"),
                event.isString() ? event.asString("") : Fields.text(event, "description", "message", "_raw"),
                nativeSeverity,
                severity(nativeSeverity, alert ? Severity.MEDIUM : Severity.INFO),
                Fields.text(event, "category"),
                entities.build(),
                tenant(context, node, fields),
                record.raw()));
    }

    private static void jsonRows(JsonRecord record, ParseContext context, ParseSink sink) {
        JsonNode names = record.node().path("fields");
        int i = 0;
        for (JsonNode values : record.node().path("rows").values()) {
            if (!values.isArray()) {
                sink.reject(record.index(), record.line(), "rows[" + i + "] is not an array of field values");
            } else {
                ObjectNode row = JsonMapper.shared().createObjectNode();
                for (int j = 0; j < values.size() && j < names.size(); j++) {
                    row.set(names.get(j).asString("field" + j), values.get(j));
                }
                mapSafely(new JsonRecord(record.index(), record.line(), row, row.toString()), row, context, sink);
            }
            i++;
        }
    }

    private static void mapSafely(JsonRecord record, JsonNode row, ParseContext context, ParseSink sink) {
        try {
            resultRow(record, row, context, sink);
        } catch (RuntimeException e) {
            sink.reject(record.index(), record.line(), "unusable Splunk result: " + JsonRecords.reason(e));
        }
    }

    private static void resultRow(JsonRecord record, JsonNode row, ParseContext context, ParseSink sink) {
        boolean alert = alertLike(row);
        String title = alert ? Fields.text(row, ALERT_TITLES) : null;
        String nativeSeverity = Fields.text(row, "severity", "urgency");
        sink.accept(new Alert(
                AlertId.newId(),
                alert ? AlertKind.ALERT : AlertKind.EVENT,
                SourceFormat.SPLUNK,
                Fields.text(row, "event_id"),
                context.receivedAt(),
                time(row.path("_time")),
                title != null
                        ? title
                        : eventTitle(Fields.text(row, "sourcetype"), Fields.text(row, "host"), "Splunk search result"),
                Fields.text(row, "description", "_raw"),
                nativeSeverity,
                severity(nativeSeverity, alert ? Severity.MEDIUM : Severity.INFO),
                Fields.text(row, "category"),
                entities(row).build(),
                tenant(context, row, row),
                record.raw()));
    }

    private static boolean alertLike(JsonNode data) {
        for (String name : ALERT_FIELDS) {
            JsonNode value = data.path(name);
            if (!value.isMissingNode()
                    && !value.isNull()
                    && !(value.isString() && value.asString("").isBlank())) {
                return true;
            }
        }
        return false;
    }

    private static Severity severity(@Nullable String nativeSeverity, Severity fallback) {
        return nativeSeverity == null
                ? fallback
                : Severity.fromName(nativeSeverity).orElse(fallback);
    }

    /** HEC sends {@code time} as a JSON number with decimals, which plain text reading would turn into 1.7E9. */
    private static @Nullable Instant time(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli((long) (value.asDouble(0) * 1000));
        }
        return value.isString() ? Fields.instant(value.asString("")) : null;
    }

    private static String eventTitle(@Nullable String sourcetype, @Nullable String host, String fallback) {
        String what = sourcetype != null ? sourcetype : fallback;
        return host != null ? what + " on " + host : what;
    }

    private static @Nullable String tenant(ParseContext context, JsonNode envelope, JsonNode data) {
        String tenant = first(Fields.text(envelope, "tenantId"), Fields.text(data, "tenantId"));
        return tenant != null ? tenant : context.tenant();
    }

    private static @Nullable String first(@Nullable String value, @Nullable String fallback) {
        return value != null ? value : fallback;
    }

    private static Entities.Builder entities(JsonNode data) {
        Entities.Builder entities = Entities.builder();
        addEntities(data, entities);
        return entities;
    }

    private static void addEntities(JsonNode data, Entities.Builder entities) {
        if (data.isObject()) {
            CimEntities.addTo(data, entities);
        }
    }

    /**
     * The export stream sends preview batches (each starting at offset 0) that later batches replace, then
     * the final rows; only rows that are not superseded are worth alerting on.
     */
    private static final class ExportBatches {
        private final List<JsonRecord> preview = new ArrayList<>();

        /**
         * The rows to map now: final rows pass straight through, preview rows wait for their batch's fate.
         * Only an explicit {@code "preview": false} is final and replaces the previews (Splunk always writes
         * the flag); a row without it is taken as it is and says nothing about the batches around it.
         */
        List<JsonRecord> add(JsonRecord record) {
            JsonNode flag = record.node().path("preview");
            if (!flag.isBoolean()) {
                return List.of(record);
            }
            if (!flag.asBoolean()) {
                preview.clear();
                return List.of(record);
            }
            JsonNode node = record.node();
            if (node.path("offset").asInt(0) == 0) {
                preview.clear();
            }
            preview.add(record);
            return List.of();
        }

        /** The last preview batch, when no final row replaced it. */
        List<JsonRecord> remaining() {
            return preview;
        }
    }
}
