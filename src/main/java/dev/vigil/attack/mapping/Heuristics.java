package dev.vigil.attack.mapping;

import dev.vigil.alert.Alert;
import dev.vigil.alert.ProcessInfo;
import dev.vigil.attack.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Vigil's documented heuristics: patterns in an alert's title, description, process images and command
 * lines that point to a technique. Their confidence is below a sensor's own tag; each says what matched.
 */
final class Heuristics {

    /**
     * One pattern and the technique it suggests. The pattern runs only on text that contains one of its
     * anchors (plain lower-case words every match must contain), so most rules cost a substring search.
     */
    record Rule(List<String> anchors, Pattern pattern, String techniqueId, double confidence, String meaning) {}

    static final List<Rule> RULES = List.of(
            rule(
                    List.of("mimikatz", "sekurlsa", "lsadump"),
                    "mimikatz|sekurlsa|lsadump",
                    "T1003",
                    0.7,
                    "credential dumping tool"),
            rule(
                    List.of("lsass", "comsvcs"),
                    "lsass(\\.exe)?.*(dump|minidump|procdump)|comsvcs(\\.dll)?.*minidump|procdump.*lsass",
                    "T1003.001",
                    0.7,
                    "LSASS memory dump"),
            rule(List.of("ntds"), "ntds\\.dit|ntdsutil.*ifm", "T1003.003", 0.7, "NTDS database copy"),
            rule(
                    List.of("shadow", "wbadmin"),
                    "vssadmin(\\.exe)?\\s+delete\\s+shadows|wmic(\\.exe)?\\s+shadowcopy\\s+delete|wbadmin.*delete\\s+catalog",
                    "T1490",
                    0.75,
                    "shadow copy or backup deletion"),
            rule(
                    List.of("ransom", "encrypted", ".locked"),
                    "ransom|files? (have been|were) encrypted|\\.locked\\b",
                    "T1486",
                    0.5,
                    "ransomware wording"),
            rule(
                    List.of("powershell"),
                    "powershell(\\.exe)?.*\\s-e(nc|ncodedcommand)?\\s+[a-z0-9+/=]{20,}",
                    "T1059.001",
                    0.65,
                    "encoded PowerShell"),
            rule(
                    List.of("powershell"),
                    "powershell(\\.exe)?.*\\s-e(nc|ncodedcommand)?\\s+[a-z0-9+/=]{20,}",
                    "T1027",
                    0.5,
                    "obfuscated command"),
            rule(List.of("powershell"), "\\bpowershell(\\.exe)?\\b", "T1059.001", 0.4, "PowerShell"),
            rule(List.of("cmd"), "\\bcmd(\\.exe)?\\s+/c\\b", "T1059.003", 0.35, "Windows command shell"),
            rule(List.of("psexe"), "psexe(c|svc)", "T1569.002", 0.6, "PsExec service execution"),
            rule(List.of("schtasks"), "schtasks(\\.exe)?\\s+/create", "T1053.005", 0.6, "scheduled task creation"),
            rule(List.of("bitsadmin"), "bitsadmin(\\.exe)?.*/(transfer|addfile)", "T1197", 0.6, "BITS job download"),
            rule(List.of("mshta"), "\\bmshta(\\.exe)?\\b", "T1218.005", 0.55, "Mshta proxy execution"),
            rule(List.of("rundll32"), "\\brundll32(\\.exe)?\\b", "T1218.011", 0.45, "Rundll32 proxy execution"),
            rule(List.of("regsvr32"), "\\bregsvr32(\\.exe)?\\b.*(/i:|scrobj)", "T1218.010", 0.6, "Regsvr32 scriptlet"),
            rule(List.of("certutil"), "certutil(\\.exe)?.*-urlcache", "T1105", 0.6, "certutil download"),
            rule(List.of("netsh"), "netsh(\\.exe)?\\s+(advfirewall|firewall)", "T1562.004", 0.55, "firewall change"),
            rule(
                    List.of("localgroup"),
                    "net1?(\\.exe)?\\s+localgroup\\s+administrators",
                    "T1069.001",
                    0.6,
                    "local admin group discovery"),
            rule(
                    List.of("domain admins"),
                    "net1?(\\.exe)?\\s+group\\s+\"?domain admins",
                    "T1069.002",
                    0.6,
                    "domain group discovery"),
            rule(
                    List.of("wmic"),
                    "\\bwmic(\\.exe)?\\b.*process\\s+call\\s+create",
                    "T1047",
                    0.6,
                    "WMI process creation"),
            rule(
                    List.of("currentversion"),
                    "\\\\currentversion\\\\run(once)?\\b",
                    "T1547.001",
                    0.55,
                    "Run key persistence"),
            rule(
                    List.of("wevtutil", "clear-eventlog"),
                    "wevtutil(\\.exe)?\\s+cl\\b|clear-eventlog",
                    "T1070.001",
                    0.7,
                    "event log clearing"),
            rule(
                    List.of("password_guessing", "brute"),
                    "password_guessing|brute[ -]?force",
                    "T1110",
                    0.6,
                    "password guessing"),
            rule(List.of("scan", "nmap"), "\\bscan::|port ?scan|nmap\\b", "T1046", 0.5, "network service scanning"),
            rule(List.of("injection"), "sql[_ ]injection", "T1190", 0.55, "exploit of a public-facing application"),
            rule(List.of("kerberoast", "rubeus"), "kerberoast|\\brubeus\\b", "T1558.003", 0.6, "Kerberoasting"));

    private Heuristics() {}

    private static Rule rule(List<String> anchors, String regex, String technique, double confidence, String meaning) {
        return new Rule(anchors, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), technique, confidence, meaning);
    }

    /**
     * The rules that match, each with the text it matched in. An alert a Sigma rule raised carries the rule's
     * title and prose, which are the rule author's words about the behaviour, not evidence of it (a rule about
     * log clearing mentions PowerShell as one way to do it): only the event's processes are read for it.
     */
    static List<Match> matches(Alert alert) {
        List<String> texts = new ArrayList<>();
        boolean raised = alert.nativeId() != null && alert.nativeId().startsWith(Detection.RAISED_ID_PREFIX);
        if (!raised) {
            texts.add(alert.title());
            if (alert.description() != null) {
                texts.add(alert.description());
            }
        }
        for (ProcessInfo process : alert.entities().processes()) {
            if (process.commandLine() != null) {
                texts.add(process.commandLine());
            }
            if (process.image() != null) {
                texts.add(process.image());
            }
        }
        // Bounded input: a huge command line is cut so no pattern can take long on it.
        List<String> bounded = texts.stream()
                .map(t -> t.length() > 4096 ? t.substring(0, 4096) : t)
                .toList();
        List<String> lower =
                bounded.stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
        List<Match> matches = new ArrayList<>();
        for (Rule rule : RULES) {
            for (int i = 0; i < bounded.size(); i++) {
                if (anchored(rule, lower.get(i))
                        && rule.pattern().matcher(bounded.get(i)).find()) {
                    matches.add(new Match(rule, bounded.get(i)));
                    break;
                }
            }
        }
        return matches;
    }

    private static boolean anchored(Rule rule, String lowerText) {
        for (String anchor : rule.anchors()) {
            if (lowerText.contains(anchor)) {
                return true;
            }
        }
        return false;
    }

    /** A rule and the text it matched. */
    record Match(Rule rule, String text) {}
}
