package dev.vigil.ingest.parse;

import dev.vigil.alert.Direction;
import dev.vigil.alert.Entities;
import dev.vigil.alert.FileHashes;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Entities from a flat Splunk row, by the field names of Splunk's Common Information Model (host, src,
 * dest, user, process, file_hash ...) that searches and add-ons normalise their results to.
 */
final class CimEntities {

    private CimEntities() {}

    static void addTo(JsonNode row, Entities.Builder entities) {
        entities.host(Fields.text(row, "host", "dvc"), null, null);
        String src = Fields.text(row, "src_ip", "src");
        String dest = Fields.text(row, "dest_ip", "dest");
        // CIM's src and dest hold a name or an address; a name is a host, not a connection end.
        if (src != null && !looksLikeIp(src)) {
            entities.host(src, null, null);
            src = null;
        }
        if (dest != null && !looksLikeIp(dest)) {
            entities.host(dest, null, null);
            dest = null;
        }
        entities.connection(
                src,
                Fields.integer(row, "src_port"),
                dest,
                Fields.integer(row, "dest_port"),
                Fields.text(row, "transport", "protocol"),
                direction(Fields.text(row, "direction")));
        addUser(Fields.text(row, "user", "src_user", "user_name"), entities);
        String processHash = Fields.text(row, "process_hash");
        entities.process(
                Fields.text(row, "process_path", "process_name"),
                Fields.text(row, "process", "process_command_line", "cmdline"),
                Fields.text(row, "parent_process_path", "parent_process_name", "parent_process"),
                Fields.longValue(row, "process_id", "pid"),
                FileHashes.lenient(processHash, processHash, processHash));
        // file_hash does not say which algorithm; the length does, so offer it to every slot.
        String fileHash = Fields.text(row, "file_hash");
        entities.file(
                Fields.text(row, "file_path", "file_name"),
                FileHashes.lenient(
                        or(Fields.text(row, "sha1"), fileHash),
                        or(Fields.text(row, "sha256"), fileHash),
                        or(Fields.text(row, "md5"), fileHash)));
        String url = Fields.text(row, "url");
        entities.url(url);
        entities.domain(Fields.text(row, "domain", "query"));
        entities.domain(Urls.domainOf(url));
    }

    /** Windows-style {@code DOMAIN\name} is split so the domain lands in its own field. */
    private static void addUser(@Nullable String user, Entities.Builder entities) {
        if (user == null) {
            return;
        }
        int slash = user.indexOf('\\');
        String name = slash < 0 ? user : user.substring(slash + 1);
        String domain = slash < 0 ? null : user.substring(0, slash);
        entities.user(name, domain, null, PrivilegedAccounts.isPrivileged(name, null));
    }

    private static Direction direction(@Nullable String direction) {
        if (direction == null) {
            return Direction.UNKNOWN;
        }
        return switch (direction.trim().toLowerCase(Locale.ROOT)) {
            case "inbound" -> Direction.INBOUND;
            case "outbound" -> Direction.OUTBOUND;
            case "internal", "lateral" -> Direction.INTERNAL;
            default -> Direction.UNKNOWN;
        };
    }

    /** An IPv4 (digits and dots) or IPv6 (hex digits and colons) literal, by its characters alone. */
    private static boolean looksLikeIp(String value) {
        boolean v6 = value.indexOf(':') >= 0;
        boolean separator = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.' || c == ':') {
                separator = true;
            } else if (v6 ? Character.digit(c, 16) < 0 : c < '0' || c > '9') {
                return false;
            }
        }
        return separator;
    }

    private static @Nullable String or(@Nullable String value, @Nullable String fallback) {
        return value != null ? value : fallback;
    }
}
