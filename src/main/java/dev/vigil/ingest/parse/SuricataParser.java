package dev.vigil.ingest.parse;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Direction;
import dev.vigil.alert.Entities;
import dev.vigil.alert.FileHashes;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Suricata EVE JSON (NDJSON or an array). {@code event_type: alert} records become alerts; every
 * other event type (flow, dns, http, tls, fileinfo, stats, ...) is kept as a context event at INFO.
 *
 * <p>Severity: Suricata's {@code alert.severity} is a priority where 1 is the most urgent, so 1 maps to
 * HIGH, 2 to MEDIUM, 3 to LOW and 4 or more to INFO; an alert without one is LOW, Suricata's default
 * priority for rules without a classtype. Direction: EVE's {@code direction} only says which end is the
 * client, so direction is derived from the addresses (see {@link AddressScope}).
 */
final class SuricataParser implements FormatParser {

    private final JsonRecords records;

    SuricataParser(JsonRecords records) {
        this.records = records;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.SURICATA;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        records.read(input, sink, "Suricata EVE record", record -> sink.accept(toAlert(record, context)));
    }

    private static Alert toAlert(JsonRecord record, ParseContext context) {
        JsonNode node = record.node();
        String eventType = Fields.text(node, "event_type");
        if (eventType == null) {
            throw new IllegalArgumentException("it has no event_type");
        }
        boolean alert = eventType.equals("alert");
        String signature = Fields.text(node, "alert.signature");
        String signatureId = Fields.text(node, "alert.signature_id");
        String nativeSeverity = alert ? Fields.text(node, "alert.severity") : null;
        String title = !alert
                ? "suricata " + eventType + " event"
                : signature != null ? signature : "Suricata alert " + (signatureId == null ? "" : signatureId);
        return new Alert(
                AlertId.newId(),
                alert ? AlertKind.ALERT : AlertKind.EVENT,
                SourceFormat.SURICATA,
                nativeId(node, alert ? signatureId : eventType),
                context.receivedAt(),
                Fields.instant(node, "timestamp"),
                title,
                alert ? description(node) : null,
                nativeSeverity,
                alert ? severity(nativeSeverity) : Severity.INFO,
                alert ? Fields.text(node, "alert.category") : eventType,
                entities(node),
                context.tenant(),
                record.raw());
    }

    /** Which rule fired and what the sensor did about it, since a signature name alone is ambiguous. */
    private static @Nullable String description(JsonNode node) {
        String signatureId = Fields.text(node, "alert.signature_id");
        String action = Fields.text(node, "alert.action");
        if (signatureId == null && action == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        if (signatureId != null) {
            text.append("signature ")
                    .append(Fields.text(node, "alert.gid") == null ? "1" : Fields.text(node, "alert.gid"))
                    .append(':')
                    .append(signatureId)
                    .append(':')
                    .append(Fields.text(node, "alert.rev") == null ? "0" : Fields.text(node, "alert.rev"));
        }
        if (action != null) {
            text.append(text.length() == 0 ? "" : ", ").append("action ").append(action);
        }
        return text.toString();
    }

    /** The flow id ties every record of one flow together; with the signature it names one alert. */
    private static @Nullable String nativeId(JsonNode node, @Nullable String discriminator) {
        String flowId = Fields.text(node, "flow_id");
        if (flowId == null) {
            return null;
        }
        return discriminator == null ? flowId : flowId + ":" + discriminator;
    }

    static Severity severity(@Nullable String nativeSeverity) {
        if (nativeSeverity == null) {
            return Severity.LOW;
        }
        try {
            int value = Integer.parseInt(nativeSeverity.trim());
            if (value <= 1) {
                return Severity.HIGH;
            }
            return value == 2 ? Severity.MEDIUM : value == 3 ? Severity.LOW : Severity.INFO;
        } catch (NumberFormatException e) {
            return Severity.fromName(nativeSeverity).orElse(Severity.LOW);
        }
    }

    private static Entities entities(JsonNode node) {
        Entities.Builder entities = Entities.builder();
        String source = Fields.text(node, "src_ip");
        String destination = Fields.text(node, "dest_ip");
        Direction direction = AddressScope.direction(source, destination);
        entities.connection(
                source,
                Fields.integer(node, "src_port"),
                destination,
                Fields.integer(node, "dest_port"),
                Fields.text(node, "proto", "app_proto"),
                direction);
        String hostname = Fields.text(node, "http.hostname");
        String url = Fields.text(node, "http.url");
        entities.domain(hostname);
        if (url != null) {
            entities.url(hostname != null && url.startsWith("/") ? "http://" + hostname + url : url);
        }
        entities.domain(Fields.text(node, "dns.rrname"));
        JsonNode queries = node.path("dns").path("queries");
        for (JsonNode query : queries) {
            entities.domain(Fields.text(query, "rrname"));
        }
        entities.domain(Fields.text(node, "tls.sni"));
        FileHashes hashes = FileHashes.lenient(
                Fields.text(node, "fileinfo.sha1"),
                Fields.text(node, "fileinfo.sha256"),
                Fields.text(node, "fileinfo.md5"));
        entities.file(Fields.text(node, "fileinfo.filename"), hashes);
        return entities.build();
    }
}
