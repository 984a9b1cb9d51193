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
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps one Windows event (Sysmon, Security or any other channel) to the canonical model. Every Windows
 * event is stored as a context event at INFO: whether it is an attack is for detection to decide, not
 * the log. The native severity is the event's {@code Level} as written.
 *
 * <p>Users: the subject and target accounts of Security events, and Sysmon's {@code User}
 * ({@code DOMAIN\name}); the System {@code UserID} is only used when the event names no account, since
 * for Sysmon it is the service's own SID, not the process owner's. An account is privileged when its SID
 * is LocalSystem, LocalService or NetworkService (S-1-5-18/19/20) or the built-in Administrator (RID 500),
 * or its name is SYSTEM, LOCAL SERVICE or NETWORK SERVICE. Network: Sysmon's {@code Initiated=true} is
 * OUTBOUND and {@code false} INBOUND; the address a logon came from (4624/4625 {@code IpAddress}) is an
 * INBOUND source. Time: {@code @timestamp}, else {@code TimeCreated}, {@code UtcTime}, {@code EventTime};
 * a time without a zone is taken as UTC.
 */
final class WindowsEventMapper {

    private static final Set<String> PRIVILEGED_SIDS = Set.of("S-1-5-18", "S-1-5-19", "S-1-5-20");
    private static final Set<String> PRIVILEGED_NAMES = Set.of("SYSTEM", "LOCAL SERVICE", "NETWORK SERVICE");

    private WindowsEventMapper() {}

    static Alert toAlert(WindowsEventFields event, String raw, ParseContext context) {
        Integer eventId = Fields.integer(event.first("EventID", "EventCode"));
        if (eventId == null) {
            throw new IllegalArgumentException("it has no numeric EventID");
        }
        String provider = event.first("SourceName", "ProviderName");
        String channel = WindowsEventNames.channel(event.get("Channel"), provider);
        String host = event.first("Hostname", "Computer");
        String record = event.first("RecordNumber", "EventRecordID");
        return new Alert(
                AlertId.newId(),
                AlertKind.EVENT,
                SourceFormat.SYSMON,
                record == null ? null : host + "/" + channel + "/" + record,
                context.receivedAt(),
                Fields.instant(event.first("@timestamp", "TimeCreated", "UtcTime", "EventTime")),
                WindowsEventNames.title(channel, provider, eventId),
                event.get("Message"),
                event.get("Level"),
                Severity.INFO,
                channel,
                entities(event, eventId, host),
                context.tenant(),
                raw);
    }

    private static Entities entities(WindowsEventFields event, int eventId, @Nullable String host) {
        Entities.Builder entities = Entities.builder();
        entities.host(host, null, null);
        users(event, entities);
        processesAndFiles(event, eventId, entities);
        network(event, entities);
        entities.domain(event.get("QueryName"));
        entities.domain(event.get("DestinationHostname"));
        return entities.build();
    }

    private static void users(WindowsEventFields event, Entities.Builder entities) {
        boolean named = user(
                entities, event.get("SubjectUserName"), event.get("SubjectDomainName"), event.get("SubjectUserSid"));
        named |= user(entities, event.get("TargetUserName"), event.get("TargetDomainName"), event.get("TargetUserSid"));
        String qualified = event.get("User");
        if (qualified != null) {
            int slash = qualified.indexOf('\\');
            named |= user(
                    entities,
                    slash < 0 ? qualified : qualified.substring(slash + 1),
                    slash < 0 ? null : qualified.substring(0, slash),
                    null);
        }
        if (!named) {
            user(entities, null, null, event.get("UserID"));
        }
    }

    private static boolean user(
            Entities.Builder entities, @Nullable String name, @Nullable String domain, @Nullable String sid) {
        String usableSid = "S-1-0-0".equals(sid) ? null : sid;
        if (name == null && usableSid == null) {
            return false;
        }
        boolean privileged = (usableSid != null
                        && (PRIVILEGED_SIDS.contains(usableSid)
                                || (usableSid.startsWith("S-1-5-21-") && usableSid.endsWith("-500"))))
                || (name != null && PRIVILEGED_NAMES.contains(name.toUpperCase(Locale.ROOT)));
        entities.user(name, domain, usableSid, privileged);
        return true;
    }

    private static void processesAndFiles(WindowsEventFields event, int eventId, Entities.Builder entities) {
        FileHashes hashes = SysmonHashes.parse(event.first("Hashes", "Hash"));
        String loaded = event.get("ImageLoaded");
        String target = event.get("TargetFilename");
        // Image-load, driver and file events hash the file they name, not the process behind them.
        boolean hashesOfFile = loaded != null || target != null;
        entities.file(loaded, hashesOfFile ? hashes : FileHashes.NONE);
        entities.file(target, hashesOfFile && loaded == null ? hashes : FileHashes.NONE);
        if ("File".equalsIgnoreCase(event.get("ObjectType"))) {
            entities.file(event.get("ObjectName"), FileHashes.NONE);
        }

        String image = event.get("Image");
        String pid = event.get("ProcessId");
        if (image == null && (image = event.get("NewProcessName")) != null) {
            pid = event.get("NewProcessId");
        } else if (image == null) {
            image = event.get("ProcessName");
        }
        entities.process(
                image,
                event.get("CommandLine"),
                event.first("ParentImage", "ParentProcessName"),
                processId(pid),
                hashesOfFile ? FileHashes.NONE : hashes);
        String parentCommandLine = event.get("ParentCommandLine");
        if (parentCommandLine != null) {
            entities.process(
                    event.get("ParentImage"),
                    parentCommandLine,
                    null,
                    processId(event.get("ParentProcessId")),
                    FileHashes.NONE);
        }
        if (eventId == 8 || eventId == 10) {
            entities.process(
                    event.get("SourceImage"), null, null, processId(event.get("SourceProcessId")), FileHashes.NONE);
            entities.process(
                    event.get("TargetImage"), null, null, processId(event.get("TargetProcessId")), FileHashes.NONE);
        }
    }

    private static void network(WindowsEventFields event, Entities.Builder entities) {
        String source = event.first("SourceIp", "SourceAddress");
        String destination = event.first("DestinationIp", "DestAddress");
        if (source != null || destination != null) {
            entities.connection(
                    source,
                    Fields.integer(event.get("SourcePort")),
                    destination,
                    Fields.integer(event.first("DestinationPort", "DestPort")),
                    protocol(event.get("Protocol")),
                    direction(event.get("Initiated"), event.get("Direction")));
        }
        String logonSource = event.get("IpAddress");
        if (logonSource != null) {
            entities.connection(logonSource, Fields.integer(event.get("IpPort")), null, null, null, Direction.INBOUND);
        }
    }

    /** Sysmon says whether the process initiated the connection; the filtering platform uses message ids. */
    private static Direction direction(@Nullable String initiated, @Nullable String filteringDirection) {
        if (initiated != null) {
            return Boolean.parseBoolean(initiated) ? Direction.OUTBOUND : Direction.INBOUND;
        }
        if (filteringDirection != null) {
            return switch (filteringDirection) {
                case "%%14592", "Inbound" -> Direction.INBOUND;
                case "%%14593", "Outbound" -> Direction.OUTBOUND;
                default -> Direction.UNKNOWN;
            };
        }
        return Direction.UNKNOWN;
    }

    /** The filtering platform writes IANA protocol numbers; Sysmon writes names. */
    private static @Nullable String protocol(@Nullable String protocol) {
        if (protocol == null) {
            return null;
        }
        return switch (protocol) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> protocol.toLowerCase(Locale.ROOT);
        };
    }

    /** Security events write process ids in hex ({@code 0x12d8}), Sysmon in decimal. */
    static @Nullable Long processId(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseLong(text.substring(2), 16);
            }
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
