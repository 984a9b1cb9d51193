package dev.vigil.respond.defender.hunting;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Direction;
import dev.vigil.alert.Entities;
import dev.vigil.alert.FileHashes;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one row of a scheduled hunt into a canonical alert with source {@code hunting}: the well-known
 * Defender columns become entities, {@code Timestamp} the time it happened, and the row itself, as Graph sent
 * it, the raw payload. Also names each row, so the same row is recognised when a later window returns it.
 */
final class HuntAlerts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HuntAlerts() {}

    static Alert toAlert(
            String tenant,
            String queryName,
            @Nullable String description,
            Severity severity,
            JsonNode row,
            Instant receivedAt) {
        Entities.Builder entities = Entities.builder();
        String deviceName = text(row, "DeviceName");
        String deviceId = text(row, "DeviceId");
        String localIp = text(row, "LocalIP");
        entities.host(deviceName, localIp, deviceId);
        String account = first(
                text(row, "AccountUpn"),
                text(row, "AccountName"),
                text(row, "InitiatingProcessAccountUpn"),
                text(row, "InitiatingProcessAccountName"));
        entities.user(account, text(row, "AccountDomain"), text(row, "AccountSid"), false);
        String remoteIp = text(row, "RemoteIP");
        if (remoteIp != null || localIp != null && row.has("RemotePort")) {
            entities.connection(
                    localIp,
                    port(row, "LocalPort"),
                    remoteIp,
                    port(row, "RemotePort"),
                    text(row, "Protocol"),
                    Direction.UNKNOWN);
        }
        FileHashes hashes = FileHashes.lenient(text(row, "SHA1"), text(row, "SHA256"), text(row, "MD5"));
        entities.file(filePath(row), hashes);
        entities.process(
                text(row, "InitiatingProcessFileName"),
                text(row, "InitiatingProcessCommandLine"),
                text(row, "InitiatingProcessParentFileName"),
                null,
                FileHashes.NONE);
        // DeviceProcessEvents: FileName is the started process's image when there is a command line.
        String commandLine = text(row, "ProcessCommandLine");
        entities.process(
                commandLine == null ? null : text(row, "FileName"),
                commandLine,
                text(row, "InitiatingProcessFileName"),
                null,
                FileHashes.NONE);
        entities.url(text(row, "RemoteUrl"));
        String title = description == null ? "Hunt " + queryName : "Hunt " + queryName + ": " + description;
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.HUNTING,
                queryName + "/" + rowKey(row),
                receivedAt,
                timestamp(row),
                title,
                "A row returned by the scheduled advanced-hunting query '" + queryName + "' in Defender tenant '"
                        + tenant + "'.",
                severity.name(),
                severity,
                null,
                entities.build(),
                tenant,
                JSON.writeValueAsString(row));
    }

    /**
     * What identifies a row across runs. Defender's {@code ReportId} is a per-device counter, unique only with
     * the device and the time (its documentation says so), so those three when it has one; otherwise a hash of
     * the whole row, its keys sorted so the column order Graph happens to use does not matter.
     */
    static String rowKey(JsonNode row) {
        String reportId = text(row, "ReportId");
        if (reportId != null) {
            return "report:" + reportId + "|" + String.valueOf(first(text(row, "DeviceId"), text(row, "DeviceName")))
                    + "|" + String.valueOf(text(row, "Timestamp"));
        }
        return "sha256:" + sha256(JSON.writeValueAsString(canonical(row)));
    }

    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                sorted.put(entry.getKey(), canonical(entry.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            java.util.List<Object> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }

    private static @Nullable String filePath(JsonNode row) {
        String folder = text(row, "FolderPath");
        String file = text(row, "FileName");
        if (folder == null) {
            return file;
        }
        // Defender's FolderPath usually already ends with the file name.
        if (file == null || folder.endsWith(file)) {
            return folder;
        }
        return folder.endsWith("\\") || folder.endsWith("/") ? folder + file : folder + "\\" + file;
    }

    private static @Nullable Instant timestamp(JsonNode row) {
        String value = text(row, "Timestamp");
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Integer port(JsonNode row, String column) {
        JsonNode value = HuntingResults.field(row, column);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.asInt();
        }
        try {
            return value.isString() ? Integer.valueOf(value.asString().strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A column's value as text: strings as they are, numbers in their JSON form, blank or null as absent. */
    static @Nullable String text(JsonNode row, String column) {
        JsonNode value = HuntingResults.field(row, column);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        String text = value.isString() ? value.asString() : value.toString();
        return text.isBlank() ? null : text.strip();
    }

    @SafeVarargs
    private static <T> @Nullable T first(@Nullable T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
