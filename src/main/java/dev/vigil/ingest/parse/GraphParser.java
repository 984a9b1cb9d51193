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
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Microsoft Graph security alerts ({@code alerts_v2}, {@code microsoft.graph.security.alert}) and
 * Defender XDR incidents with their alerts embedded ({@code $expand=alerts}): single objects, arrays,
 * NDJSON or list responses {@code {"value":[...]}}.
 *
 * <p>Each alert, standalone or embedded, is an {@link AlertKind#ALERT}; an incident is only a container,
 * and one without embedded alerts is rejected with the reason, since nothing in it can be triaged.
 * Severity {@code informational/low/medium/high} maps to INFO/LOW/MEDIUM/HIGH; {@code unknown} and any
 * other value to INFO, keeping the native string; {@code unknownFutureValue} (Graph's enum sentinel) is
 * read as absent wherever it appears. {@code occurredAt} is {@code firstActivityDateTime}, else
 * {@code createdDateTime}. The tenant is the alert's {@code tenantId}, else the incident's, else the
 * caller's. Evidence is read by {@code @odata.type}: devices ({@code mdeDeviceId} is the Defender device
 * id), files, processes, users, mailboxes, IPs and URLs; other evidence (registry, cloud apps, mail
 * clusters) has no canonical entity yet and stays in {@code raw}.
 *
 * <p>{@code raw} is the alert's exact original text, also when it was cut out of a list or an incident.
 */
final class GraphParser implements FormatParser {

    private static final String EVIDENCE_PREFIX = "#microsoft.graph.security.";
    private static final String FUTURE = "unknownFutureValue";

    private final JsonRecords records;

    GraphParser(JsonRecords records) {
        this.records = records;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.GRAPH;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        records.read(input, sink, "Graph record", record -> {
            for (JsonRecord item : JsonElements.listOrSelf(record, "value")) {
                readItem(item, context, sink);
            }
        });
    }

    private static void readItem(JsonRecord item, ParseContext context, ParseSink sink) {
        if (!isIncident(item.node())) {
            mapSafely(item, null, context, sink);
            return;
        }
        List<JsonRecord> alerts = JsonElements.of(item, "alerts");
        if (alerts.isEmpty()) {
            sink.reject(
                    item.index(),
                    item.line(),
                    "incident " + Fields.text(item.node(), "id")
                            + " has no embedded alerts (list incidents with $expand=alerts)");
        }
        String incidentTenant = Fields.text(item.node(), "tenantId");
        for (JsonRecord alert : alerts) {
            mapSafely(alert, incidentTenant, context, sink);
        }
    }

    /** Incidents carry {@code alerts} or {@code incidentWebUrl} without being an alert themselves. */
    private static boolean isIncident(JsonNode node) {
        return node.has("alerts")
                || node.path("@odata.type").asString("").endsWith(".incident")
                || (node.has("incidentWebUrl") && !node.has("alertWebUrl") && !node.has("title"));
    }

    private static void mapSafely(
            JsonRecord record, @Nullable String incidentTenant, ParseContext context, ParseSink sink) {
        try {
            String problem = map(record, incidentTenant, context, sink);
            if (problem != null) {
                sink.reject(record.index(), record.line(), problem);
            }
        } catch (RuntimeException e) {
            sink.reject(record.index(), record.line(), "unusable Graph alert: " + JsonRecords.reason(e));
        }
    }

    /** Hands the alert to the sink, or says why the record is not one. */
    private static @Nullable String map(
            JsonRecord record, @Nullable String incidentTenant, ParseContext context, ParseSink sink) {
        JsonNode node = record.node();
        String title = text(node, "title", "threatDisplayName");
        if (title == null) {
            return "missing title: none of title, threatDisplayName";
        }
        String nativeSeverity = text(node, "severity");
        String tenant = text(node, "tenantId");
        sink.accept(new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.GRAPH,
                text(node, "id", "providerAlertId"),
                context.receivedAt(),
                Fields.instant(node, "firstActivityDateTime", "createdDateTime"),
                title,
                text(node, "description"),
                nativeSeverity,
                nativeSeverity == null
                        ? Severity.INFO
                        : Severity.fromName(nativeSeverity).orElse(Severity.INFO),
                text(node, "category"),
                entities(node),
                tenant != null ? tenant : incidentTenant != null ? incidentTenant : context.tenant(),
                record.raw()));
        return null;
    }

    /** Like {@link Fields#text}, but Graph's {@code unknownFutureValue} counts as absent. */
    private static @Nullable String text(JsonNode node, String... names) {
        for (String name : names) {
            String value = Fields.text(node, name);
            if (value != null && !FUTURE.equals(value)) {
                return value;
            }
        }
        return null;
    }

    private static Entities entities(JsonNode node) {
        Entities.Builder entities = Entities.builder();
        for (JsonNode evidence : node.path("evidence").values()) {
            String type = evidence.path("@odata.type").asString("");
            if (type.startsWith(EVIDENCE_PREFIX)) {
                addEvidence(type.substring(EVIDENCE_PREFIX.length()), evidence, entities);
            }
        }
        return entities.build();
    }

    private static void addEvidence(String type, JsonNode evidence, Entities.Builder entities) {
        switch (type) {
            case "deviceEvidence" -> {
                entities.host(
                        text(evidence, "deviceDnsName", "hostName"),
                        firstText(evidence.path("ipInterfaces")),
                        text(evidence, "mdeDeviceId"));
                for (JsonNode user : evidence.path("loggedOnUsers").values()) {
                    addUser(user, entities);
                }
            }
            case "fileEvidence" -> addFile(evidence.path("fileDetails"), entities);
            case "processEvidence" -> {
                JsonNode image = evidence.path("imageFile");
                JsonNode parent = evidence.path("parentProcessImageFile");
                entities.process(
                        FilePaths.join(text(image, "filePath"), text(image, "fileName")),
                        text(evidence, "processCommandLine"),
                        FilePaths.join(text(parent, "filePath"), text(parent, "fileName")),
                        Fields.longValue(evidence, "processId"),
                        hashes(image));
                addUser(evidence.path("userAccount"), entities);
            }
            case "userEvidence", "mailboxEvidence" -> addUser(evidence.path("userAccount"), entities);
            case "ipEvidence" -> {
                String ip = text(evidence, "ipAddress");
                if (hasRole(evidence, "source") || hasRole(evidence, "attacker")) {
                    entities.connection(ip, null, null, null, null, Direction.UNKNOWN);
                } else {
                    entities.connection(null, null, ip, null, null, Direction.UNKNOWN);
                }
            }
            case "urlEvidence" -> {
                String url = text(evidence, "url");
                entities.url(url);
                entities.domain(Urls.domainOf(url));
            }
            default -> {
                // registry, cloud application, mail cluster ...: no canonical entity yet; raw keeps them
            }
        }
    }

    private static void addFile(JsonNode details, Entities.Builder entities) {
        entities.file(FilePaths.join(text(details, "filePath"), text(details, "fileName")), hashes(details));
    }

    private static FileHashes hashes(JsonNode file) {
        return FileHashes.lenient(text(file, "sha1"), text(file, "sha256"), text(file, "md5"));
    }

    private static void addUser(JsonNode account, Entities.Builder entities) {
        String name = text(account, "accountName", "userPrincipalName", "displayName");
        String sid = text(account, "userSid");
        entities.user(name, text(account, "domainName"), sid, PrivilegedAccounts.isPrivileged(name, sid));
    }

    private static boolean hasRole(JsonNode evidence, String role) {
        for (JsonNode value : evidence.path("roles").values()) {
            if (role.equals(value.asString(""))) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String firstText(JsonNode array) {
        for (JsonNode value : array.values()) {
            if (value.isString() && !value.asString("").isBlank()) {
                return value.asString("");
            }
        }
        return null;
    }

    /** Value objects explain themselves in their message; anything else is named by its type. */
}
