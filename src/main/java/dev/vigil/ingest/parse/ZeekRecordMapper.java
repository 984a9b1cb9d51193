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
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps one Zeek record to the canonical alert. {@code notice} and {@code weird} records are alerts
 * Zeek raised; every other log (conn, dns, http, ssl, files, ...) is context.
 *
 * <p>Severity: Zeek has none of its own. A notice is MEDIUM, or HIGH when its note names an attack in
 * progress (password guessing, SQL injection attacker, scans, brute forcing, known-malware hash
 * matches); a weird is LOW, since it usually means odd or broken traffic; context events are INFO.
 */
final class ZeekRecordMapper {

    private static final Set<String> OFFENSIVE_NOTES = Set.of(
            "SSH::Password_Guessing",
            "HTTP::SQL_Injection_Attacker",
            "FTP::Bruteforcing",
            "TeamCymruMalwareHashRegistry::Match",
            "Intel::Notice");

    private ZeekRecordMapper() {}

    static Alert toAlert(
            String logType, ZeekFields fields, @Nullable Instant occurredAt, String raw, ParseContext context) {
        String uid = fields.text("uid");
        String title;
        String nativeId;
        String description = null;
        String category;
        Severity severity;
        AlertKind kind = AlertKind.ALERT;
        switch (logType) {
            case "notice" -> {
                String note = fields.text("note");
                String message = fields.text("msg");
                title = note == null ? message : message == null ? note : note + ": " + message;
                if (title == null) {
                    title = "Zeek notice";
                }
                description = fields.text("sub");
                category = note;
                severity = noticeSeverity(note);
                nativeId = join(uid, note);
            }
            case "weird" -> {
                String name = fields.text("name");
                title = name == null ? "Zeek weird" : name;
                description = fields.text("addl");
                category = "weird";
                severity = Severity.LOW;
                nativeId = join(uid, name);
            }
            default -> {
                kind = AlertKind.EVENT;
                title = "zeek " + logType + " event";
                category = logType;
                severity = Severity.INFO;
                nativeId = uid;
            }
        }
        return new Alert(
                AlertId.newId(),
                kind,
                SourceFormat.ZEEK,
                nativeId,
                context.receivedAt(),
                occurredAt,
                title,
                description,
                null,
                severity,
                category,
                entities(fields),
                context.tenant(),
                raw);
    }

    static Severity noticeSeverity(@Nullable String note) {
        if (note != null && (OFFENSIVE_NOTES.contains(note) || note.startsWith("Scan::"))) {
            return Severity.HIGH;
        }
        return Severity.MEDIUM;
    }

    private static @Nullable String join(@Nullable String uid, @Nullable String what) {
        if (uid == null) {
            return what;
        }
        return what == null ? uid : uid + ":" + what;
    }

    private static Entities entities(ZeekFields fields) {
        Entities.Builder entities = Entities.builder();
        String proto = fields.text("proto");
        String origin = fields.text("id.orig_h");
        String responder = fields.text("id.resp_h");
        if (origin != null || responder != null) {
            entities.connection(
                    origin,
                    fields.integer("id.orig_p"),
                    responder,
                    fields.integer("id.resp_p"),
                    proto,
                    direction(fields, origin, responder));
        } else {
            // Notices raised about hosts rather than connections (scans, brute forcing) name src/dst only.
            String source = fields.text("src");
            String destination = fields.text("dst");
            entities.connection(
                    source, null, destination, fields.integer("p"), proto, AddressScope.direction(source, destination));
        }
        entities.domain(fields.text("query"));
        entities.domain(fields.text("server_name"));
        String host = fields.text("host");
        String uri = fields.text("uri");
        if (host != null && hasLetter(host)) {
            entities.domain(host);
        }
        if (uri != null) {
            entities.url(host != null && uri.startsWith("/") ? url(host, fields.integer("id.resp_p"), uri) : uri);
        }
        FileHashes hashes = FileHashes.lenient(fields.text("sha1"), fields.text("sha256"), fields.text("md5"));
        entities.file(fields.text("filename"), hashes);
        return entities.build();
    }

    /** conn.log says which ends are local; other logs fall back to the addresses. */
    private static Direction direction(ZeekFields fields, @Nullable String origin, @Nullable String responder) {
        String localOrigin = fields.text("local_orig");
        String localResponder = fields.text("local_resp");
        if (localOrigin == null || localResponder == null) {
            return AddressScope.direction(origin, responder);
        }
        boolean originLocal = isTrue(localOrigin);
        boolean responderLocal = isTrue(localResponder);
        if (originLocal) {
            return responderLocal ? Direction.INTERNAL : Direction.OUTBOUND;
        }
        return responderLocal ? Direction.INBOUND : Direction.UNKNOWN;
    }

    private static boolean isTrue(String value) {
        return value.equals("T") || value.equalsIgnoreCase("true");
    }

    private static boolean hasLetter(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (Character.isLetter(host.charAt(i)) && host.indexOf(':') < 0) {
                return true;
            }
        }
        return false;
    }

    private static String url(String host, @Nullable Integer port, String uri) {
        boolean defaultPort = port == null || port == 80 || host.indexOf(':') >= 0;
        return "http://" + host + (defaultPort ? "" : ":" + port) + uri;
    }
}
