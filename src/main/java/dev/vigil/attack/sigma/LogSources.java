package dev.vigil.attack.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sigma log sources and the events they mean, after the SigmaHQ Windows and Zeek conventions (as pySigma's
 * Windows pipeline maps them): a category is a Sysmon event id, or Security 4688 for process creation with
 * its field names mapped; a service is an event-log channel or a Zeek log. A rule is evaluated only on
 * events of its routes. Log sources without a route are reported as unrouted, never silently dropped.
 */
final class LogSources {

    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    static final String POWERSHELL = "Microsoft-Windows-PowerShell/Operational";
    static final String POWERSHELL_CLASSIC = "Windows PowerShell";

    /** Security 4688 names for what Sysmon's process creation event calls Image, ParentImage, ... */
    static final Map<String, String> SECURITY_PROCESS_CREATION = Map.of(
            "Image", "NewProcessName",
            "ParentImage", "ParentProcessName",
            "User", "SubjectUserName",
            "LogonId", "SubjectLogonId",
            "ProcessId", "NewProcessId",
            "ParentProcessId", "ProcessId",
            "IntegrityLevel", "MandatoryLabel");

    /** Sysmon's DNS event (22) for the generic dns category. */
    private static final Map<String, String> SYSMON_DNS = Map.of("query", "QueryName", "answer", "QueryResults");

    private static final Map<String, String> ZEEK_DNS = Map.of("answer", "answers", "record_type", "qtype_name");

    private static final Map<String, String> ZEEK_CONN = Map.of(
            "src_ip", "id.orig_h",
            "src_port", "id.orig_p",
            "dst_ip", "id.resp_h",
            "dst_port", "id.resp_p");

    /** Sysmon event ids per Sigma category. */
    private static final Map<String, List<String>> SYSMON_CATEGORIES = Map.ofEntries(
            Map.entry("process_creation", List.of("1")),
            Map.entry("file_change", List.of("2")),
            Map.entry("network_connection", List.of("3")),
            Map.entry("sysmon_status", List.of("4", "16")),
            Map.entry("process_termination", List.of("5")),
            Map.entry("driver_load", List.of("6")),
            Map.entry("image_load", List.of("7")),
            Map.entry("create_remote_thread", List.of("8")),
            Map.entry("raw_access_thread", List.of("9")),
            Map.entry("process_access", List.of("10")),
            Map.entry("file_event", List.of("11")),
            Map.entry("registry_add", List.of("12")),
            Map.entry("registry_delete", List.of("12")),
            Map.entry("registry_set", List.of("13")),
            Map.entry("registry_rename", List.of("14")),
            Map.entry("registry_event", List.of("12", "13", "14")),
            Map.entry("create_stream_hash", List.of("15")),
            Map.entry("pipe_created", List.of("17", "18")),
            Map.entry("wmi_event", List.of("19", "20", "21")),
            Map.entry("dns_query", List.of("22")),
            Map.entry("file_delete", List.of("23", "26")),
            Map.entry("clipboard_capture", List.of("24")),
            Map.entry("process_tampering", List.of("25")),
            Map.entry("file_block_executable", List.of("27")),
            Map.entry("file_block_shredding", List.of("28")),
            Map.entry("file_executable_detected", List.of("29")),
            Map.entry("sysmon_error", List.of("255")));

    /** Event-log channel per Sigma Windows service. */
    static final Map<String, List<String>> SERVICES = Map.ofEntries(
            Map.entry("security", List.of("Security")),
            Map.entry("system", List.of("System")),
            Map.entry("application", List.of("Application")),
            Map.entry("sysmon", List.of(SYSMON)),
            Map.entry("powershell", List.of(POWERSHELL)),
            Map.entry("powershell-classic", List.of(POWERSHELL_CLASSIC)),
            Map.entry("taskscheduler", List.of("Microsoft-Windows-TaskScheduler/Operational")),
            Map.entry("wmi", List.of("Microsoft-Windows-WMI-Activity/Operational")),
            Map.entry("windefend", List.of("Microsoft-Windows-Windows Defender/Operational")),
            Map.entry("firewall-as", List.of("Microsoft-Windows-Windows Firewall With Advanced Security/Firewall")),
            Map.entry("bits-client", List.of("Microsoft-Windows-Bits-Client/Operational")),
            Map.entry("codeintegrity-operational", List.of("Microsoft-Windows-CodeIntegrity/Operational")),
            Map.entry("appxdeployment-server", List.of("Microsoft-Windows-AppXDeploymentServer/Operational")),
            Map.entry("appxpackaging-om", List.of("Microsoft-Windows-AppxPackaging/Operational")),
            Map.entry("appmodel-runtime", List.of("Microsoft-Windows-AppModel-Runtime/Admin")),
            Map.entry("msexchange-management", List.of("MSExchange Management")),
            Map.entry("dns-client", List.of("Microsoft-Windows-DNS Client Events/Operational")),
            Map.entry("dns-server", List.of("DNS Server")),
            Map.entry("dns-server-analytic", List.of("Microsoft-Windows-DNS-Server/Analytical")),
            Map.entry("iis-configuration", List.of("Microsoft-IIS-Configuration/Operational")),
            Map.entry("ntlm", List.of("Microsoft-Windows-NTLM/Operational")),
            Map.entry(
                    "security-mitigations",
                    List.of(
                            "Microsoft-Windows-Security-Mitigations/Kernel Mode",
                            "Microsoft-Windows-Security-Mitigations/User Mode")),
            Map.entry(
                    "applocker",
                    List.of(
                            "Microsoft-Windows-AppLocker/MSI and Script",
                            "Microsoft-Windows-AppLocker/EXE and DLL",
                            "Microsoft-Windows-AppLocker/Packaged app-Deployment",
                            "Microsoft-Windows-AppLocker/Packaged app-Execution")),
            Map.entry("smbclient-connectivity", List.of("Microsoft-Windows-SmbClient/Connectivity")),
            Map.entry("smbclient-security", List.of("Microsoft-Windows-SmbClient/Security")),
            Map.entry("smbserver-connectivity", List.of("Microsoft-Windows-SMBServer/Connectivity")),
            Map.entry("printservice-admin", List.of("Microsoft-Windows-PrintService/Admin")),
            Map.entry("printservice-operational", List.of("Microsoft-Windows-PrintService/Operational")),
            Map.entry("microsoft-servicebus-client", List.of("Microsoft-ServiceBus-Client")),
            Map.entry(
                    "terminalservices-localsessionmanager",
                    List.of("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational")),
            Map.entry("shell-core", List.of("Microsoft-Windows-Shell-Core/Operational")),
            Map.entry(
                    "certificateservicesclient-lifecycle-system",
                    List.of("Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational")),
            Map.entry("driver-framework", List.of("Microsoft-Windows-DriverFrameworks-UserMode/Operational")),
            Map.entry("ldap", List.of("Microsoft-Windows-LDAP-Client/Debug")),
            Map.entry("diagnosis-scripted", List.of("Microsoft-Windows-Diagnosis-Scripted/Operational")),
            Map.entry("lsa-server", List.of("Microsoft-Windows-LSA/Operational")),
            Map.entry("openssh", List.of("OpenSSH/Operational")),
            Map.entry("capi2", List.of("Microsoft-Windows-CAPI2/Operational")),
            Map.entry("vhdmp", List.of("Microsoft-Windows-VHDMP-Operational")),
            Map.entry("kernel-shimengine", List.of("Microsoft-Windows-Kernel-ShimEngine/Operational")));

    private LogSources() {}

    /** Where a log source's events are found; refused as unrouted when Vigil receives none of them yet. */
    static List<Route> routes(@Nullable String product, @Nullable String category, @Nullable String service) {
        List<Route> routes = new ArrayList<>();
        if ("windows".equals(product) || (product == null && isWindowsCategory(category))) {
            windows(category, service, routes);
        } else if ("zeek".equals(product)) {
            if (category != null || service == null) {
                throw unrouted(product, category, service, "Zeek rules are routed by service (the log name)");
            }
            routes.add(Route.zeek(service, Map.of()));
        } else if (product == null && "dns".equals(category) && service == null) {
            routes.add(Route.zeek("dns", ZEEK_DNS));
            routes.add(Route.windows(SYSMON, "22", SYSMON_DNS));
        } else if (product == null && "firewall".equals(category) && service == null) {
            routes.add(Route.zeek("conn", ZEEK_CONN));
        } else {
            throw unrouted(product, category, service, "no event source for it");
        }
        return routes;
    }

    private static boolean isWindowsCategory(@Nullable String category) {
        return category != null && (SYSMON_CATEGORIES.containsKey(category) || category.startsWith("ps_"));
    }

    private static void windows(@Nullable String category, @Nullable String service, List<Route> routes) {
        if (category != null && service != null) {
            throw unrouted("windows", category, service, "category and service together are not routed");
        }
        if (service != null) {
            List<String> channels = SERVICES.get(service);
            if (channels == null) {
                throw unrouted("windows", null, service, "no event-log channel known for the service");
            }
            channels.forEach(c -> routes.add(Route.windows(c, Route.ANY_EVENT_ID, Map.of())));
            return;
        }
        if (category == null) {
            routes.add(new Route(Route.windowsBucket("*", Route.ANY_EVENT_ID), Map.of()));
            return;
        }
        switch (category) {
            case "ps_module" -> routes.add(Route.windows(POWERSHELL, "4103", Map.of()));
            case "ps_script" -> routes.add(Route.windows(POWERSHELL, "4104", Map.of()));
            case "ps_classic_start" -> routes.add(Route.windows(POWERSHELL_CLASSIC, "400", Map.of()));
            case "ps_classic_provider_start" -> routes.add(Route.windows(POWERSHELL_CLASSIC, "600", Map.of()));
            case "ps_classic_script" -> routes.add(Route.windows(POWERSHELL_CLASSIC, "800", Map.of()));
            default -> {
                List<String> ids = SYSMON_CATEGORIES.get(category);
                if (ids == null) {
                    throw unrouted(
                            "windows",
                            category,
                            null,
                            "no Sysmon or event-log source for the category (it needs an ETW or EDR feed)");
                }
                ids.forEach(id -> routes.add(Route.windows(SYSMON, id, Map.of())));
                if (category.equals("process_creation")) {
                    routes.add(Route.windows("Security", "4688", SECURITY_PROCESS_CREATION));
                }
            }
        }
    }

    private static RuleRefused unrouted(
            @Nullable String product, @Nullable String category, @Nullable String service, String why) {
        String source = "product " + product + ", category " + category + ", service " + service;
        return new RuleRefused("unrouted log source (" + source + "): " + why, true);
    }
}
