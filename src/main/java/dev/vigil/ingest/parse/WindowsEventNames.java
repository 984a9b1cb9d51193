package dev.vigil.ingest.parse;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Headlines for Windows events: Sysmon's event ids 1-29 and the Security log ids analysts look at most,
 * as Microsoft names them; any other event is titled by its channel and id.
 */
final class WindowsEventNames {

    static final String SYSMON_CHANNEL = "Microsoft-Windows-Sysmon/Operational";

    private static final Map<Integer, String> SYSMON = Map.ofEntries(
            Map.entry(1, "Process creation"),
            Map.entry(2, "A process changed a file creation time"),
            Map.entry(3, "Network connection"),
            Map.entry(4, "Sysmon service state changed"),
            Map.entry(5, "Process terminated"),
            Map.entry(6, "Driver loaded"),
            Map.entry(7, "Image loaded"),
            Map.entry(8, "CreateRemoteThread"),
            Map.entry(9, "RawAccessRead"),
            Map.entry(10, "ProcessAccess"),
            Map.entry(11, "FileCreate"),
            Map.entry(12, "RegistryEvent (Object create and delete)"),
            Map.entry(13, "RegistryEvent (Value Set)"),
            Map.entry(14, "RegistryEvent (Key and Value Rename)"),
            Map.entry(15, "FileCreateStreamHash"),
            Map.entry(16, "ServiceConfigurationChange"),
            Map.entry(17, "PipeEvent (Pipe Created)"),
            Map.entry(18, "PipeEvent (Pipe Connected)"),
            Map.entry(19, "WmiEvent (WmiEventFilter activity detected)"),
            Map.entry(20, "WmiEvent (WmiEventConsumer activity detected)"),
            Map.entry(21, "WmiEvent (WmiEventConsumerToFilter activity detected)"),
            Map.entry(22, "DNSEvent (DNS query)"),
            Map.entry(23, "FileDelete (File Delete archived)"),
            Map.entry(24, "ClipboardChange"),
            Map.entry(25, "ProcessTampering"),
            Map.entry(26, "FileDeleteDetected"),
            Map.entry(27, "FileBlockExecutable"),
            Map.entry(28, "FileBlockShredding"),
            Map.entry(29, "FileExecutableDetected"),
            Map.entry(255, "Error"));

    private static final Map<Integer, String> SECURITY = Map.ofEntries(
            Map.entry(1102, "The audit log was cleared"),
            Map.entry(4624, "An account was successfully logged on"),
            Map.entry(4625, "An account failed to log on"),
            Map.entry(4634, "An account was logged off"),
            Map.entry(4648, "A logon was attempted using explicit credentials"),
            Map.entry(4656, "A handle to an object was requested"),
            Map.entry(4658, "The handle to an object was closed"),
            Map.entry(4663, "An attempt was made to access an object"),
            Map.entry(4672, "Special privileges assigned to new logon"),
            Map.entry(4688, "A new process has been created"),
            Map.entry(4689, "A process has exited"),
            Map.entry(4697, "A service was installed in the system"),
            Map.entry(4698, "A scheduled task was created"),
            Map.entry(4720, "A user account was created"),
            Map.entry(4728, "A member was added to a security-enabled global group"),
            Map.entry(4732, "A member was added to a security-enabled local group"),
            Map.entry(4768, "A Kerberos authentication ticket (TGT) was requested"),
            Map.entry(4769, "A Kerberos service ticket was requested"),
            Map.entry(5140, "A network share object was accessed"),
            Map.entry(5145, "A network share object was checked for access"),
            Map.entry(5156, "The Windows Filtering Platform has permitted a connection"),
            Map.entry(5158, "The Windows Filtering Platform has permitted a bind to a local port"));

    private WindowsEventNames() {}

    static boolean isSysmon(@Nullable String channel, @Nullable String provider) {
        return SYSMON_CHANNEL.equalsIgnoreCase(channel) || "Microsoft-Windows-Sysmon".equalsIgnoreCase(provider);
    }

    static boolean isSecurity(@Nullable String channel, @Nullable String provider) {
        return "Security".equalsIgnoreCase(channel) || "Microsoft-Windows-Security-Auditing".equalsIgnoreCase(provider);
    }

    /** "Sysmon 1: Process creation", "Security 4688: A new process has been created", or "Channel 4104". */
    static String title(@Nullable String channel, @Nullable String provider, int eventId) {
        if (isSysmon(channel, provider)) {
            String name = SYSMON.get(eventId);
            return "Sysmon " + eventId + (name == null ? "" : ": " + name);
        }
        if (isSecurity(channel, provider)) {
            String name = SECURITY.get(eventId);
            return "Security " + eventId + (name == null ? "" : ": " + name);
        }
        String source = channel != null ? channel : provider != null ? provider : "Windows event";
        return source + " " + eventId;
    }

    /** Channels are case-insensitive; forwarded logs sometimes write "security". */
    static @Nullable String channel(@Nullable String channel, @Nullable String provider) {
        if (isSysmon(channel, provider)) {
            return SYSMON_CHANNEL;
        }
        if ("Security".equalsIgnoreCase(channel)) {
            return "Security";
        }
        return channel;
    }
}
