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
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Microsoft Defender for Endpoint alerts as the {@code /api/alerts} API returns them: one alert
 * object, a JSON array, NDJSON, or an OData list {@code {"value":[...]}}, with or without
 * {@code $expand=evidence}.
 *
 * <p>Every alert is an {@link AlertKind#ALERT}. Severity {@code Informational/Low/Medium/High} maps to
 * INFO/LOW/MEDIUM/HIGH, anything else ({@code UnSpecified}, absent) to INFO; the native string is kept.
 * {@code occurredAt} is {@code firstEventTime} (when the activity happened), else {@code alertCreationTime}.
 * The tenant is {@code aadTenantId}, else the caller's. The machine ({@code machineId},
 * {@code computerDnsName}), {@code relatedUser} and each evidence item become entities; evidence is read
 * by the fields it carries rather than only its {@code entityType}, so new entity types still yield what
 * they can. {@code mitreTechniques} is left to triage, which reads it from {@code raw}.
 *
 * <p>{@code raw} is the alert's exact original text, also for alerts cut out of a list response.
 */
final class DefenderParser implements FormatParser {

    private final JsonRecords records;

    DefenderParser(JsonRecords records) {
        this.records = records;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.DEFENDER;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        records.read(input, sink, "Defender alert", record -> {
            for (JsonRecord alert : JsonElements.listOrSelf(record, "value")) {
                mapSafely(alert, context, sink);
            }
        });
    }

    private static void mapSafely(JsonRecord record, ParseContext context, ParseSink sink) {
        try {
            String problem = map(record, context, sink);
            if (problem != null) {
                sink.reject(record.index(), record.line(), problem);
            }
        } catch (RuntimeException e) {
            sink.reject(record.index(), record.line(), "unusable Defender alert: " + JsonRecords.reason(e));
        }
    }

    /** Hands the alert to the sink, or says why the record is not one. */
    private static @Nullable String map(JsonRecord record, ParseContext context, ParseSink sink) {
        JsonNode node = record.node();
        String title = Fields.text(node, "title", "threatName");
        if (title == null) {
            return "missing title: none of title, threatName";
        }
        String nativeSeverity = Fields.text(node, "severity");
        String tenant = Fields.text(node, "aadTenantId");
        sink.accept(new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                Fields.text(node, "id"),
                context.receivedAt(),
                Fields.instant(node, "firstEventTime", "alertCreationTime"),
                title,
                Fields.text(node, "description"),
                nativeSeverity,
                severity(nativeSeverity),
                Fields.text(node, "category"),
                entities(node),
                tenant != null ? tenant : context.tenant(),
                record.raw()));
        return null;
    }

    private static Severity severity(@Nullable String nativeSeverity) {
        if (nativeSeverity == null) {
            return Severity.INFO;
        }
        return switch (nativeSeverity.trim().toLowerCase(Locale.ROOT)) {
            case "low" -> Severity.LOW;
            case "medium" -> Severity.MEDIUM;
            case "high" -> Severity.HIGH;
            default -> Severity.INFO;
        };
    }

    private static Entities entities(JsonNode node) {
        Entities.Builder entities = Entities.builder();
        entities.host(Fields.text(node, "computerDnsName"), null, Fields.text(node, "machineId"));
        JsonNode relatedUser = node.path("relatedUser");
        String userName = Fields.text(relatedUser, "userName");
        entities.user(
                userName,
                Fields.text(relatedUser, "domainName"),
                null,
                PrivilegedAccounts.isPrivileged(userName, null));
        for (JsonNode evidence : node.path("evidence").values()) {
            if (evidence.isObject()) {
                addEvidence(evidence, entities);
            }
        }
        return entities.build();
    }

    /** MDE evidence is flat with nulls for what does not apply, so each filled group of fields is an entity. */
    private static void addEvidence(JsonNode evidence, Entities.Builder entities) {
        String type = Fields.text(evidence, "entityType");
        FileHashes hashes = FileHashes.lenient(Fields.text(evidence, "sha1"), Fields.text(evidence, "sha256"), null);
        String path = FilePaths.join(Fields.text(evidence, "filePath"), Fields.text(evidence, "fileName"));
        String commandLine = Fields.text(evidence, "processCommandLine");
        if ("Process".equalsIgnoreCase(type) || commandLine != null) {
            entities.process(
                    path,
                    commandLine,
                    FilePaths.join(
                            Fields.text(evidence, "parentProcessFilePath"),
                            Fields.text(evidence, "parentProcessFileName")),
                    Fields.longValue(evidence, "processId"),
                    hashes);
        } else {
            entities.file(path, hashes);
        }
        String account = Fields.text(evidence, "accountName");
        String sid = Fields.text(evidence, "userSid");
        entities.user(account, Fields.text(evidence, "domainName"), sid, PrivilegedAccounts.isPrivileged(account, sid));
        entities.connection(null, null, Fields.text(evidence, "ipAddress"), null, null, Direction.UNKNOWN);
        String url = Fields.text(evidence, "url");
        entities.url(url);
        entities.domain(Urls.domainOf(url));
    }

    /** Value objects explain themselves in their message; anything else is named by its type. */
}
