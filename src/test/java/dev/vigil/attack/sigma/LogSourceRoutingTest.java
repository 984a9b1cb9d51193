package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.SYSMON;
import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.load;
import static dev.vigil.attack.sigma.SigmaFixture.process;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static dev.vigil.attack.sigma.SigmaFixture.rule;
import static dev.vigil.attack.sigma.SigmaFixture.security;
import static dev.vigil.attack.sigma.SigmaFixture.windows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.attack.RuleProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule runs on the events of its log source, with the field names those events use, and only there. */
class LogSourceRoutingTest {

    private static final String CERTUTIL = """
            selection:
                Image|endswith: '\\certutil.exe'
                ParentImage|endswith: '\\cmd.exe'
                CommandLine|contains: 'urlcache'
            condition: selection
            """;

    @TempDir
    Path dir;

    private SigmaRules one(String logsource, String detection) {
        SigmaRules rules = load(dir, rule("r", logsource, detection));
        assertThat(rules.problems()).isEmpty();
        return rules;
    }

    @Test
    void processCreationFiresOnSysmonEventOne() {
        SigmaRules rules = processRule(dir, CERTUTIL);
        assertThat(fires(
                        rules,
                        process(
                                "Image", "C:\\Windows\\certutil.exe",
                                "ParentImage", "C:\\Windows\\cmd.exe",
                                "CommandLine", "certutil -urlcache -f http://x")))
                .isTrue();
    }

    @Test
    void processCreationFiresOnSecurity4688WithItsFieldNames() {
        SigmaRules rules = processRule(dir, CERTUTIL);
        assertThat(fires(
                        rules,
                        security(
                                4688,
                                "NewProcessName",
                                "C:\\Windows\\certutil.exe",
                                "ParentProcessName",
                                "C:\\Windows\\cmd.exe",
                                "CommandLine",
                                "certutil -urlcache -f http://x")))
                .isTrue();
        assertThat(fires(
                        rules,
                        security(
                                4688,
                                "NewProcessName",
                                "C:\\Windows\\certutil.exe",
                                "ParentProcessName",
                                "C:\\Windows\\explorer.exe",
                                "CommandLine",
                                "certutil -urlcache -f http://x")))
                .as("ParentImage is read from ParentProcessName")
                .isFalse();
    }

    @Test
    void processCreationFiresOnNoOtherEvent() {
        SigmaRules rules = processRule(dir, CERTUTIL);
        String[] fields = {
            "Image", "C:\\Windows\\certutil.exe",
            "ParentImage", "C:\\Windows\\cmd.exe",
            "CommandLine", "certutil -urlcache -f http://x"
        };
        assertThat(fires(rules, windows(SYSMON, 3, fields)))
                .as("Sysmon network connection")
                .isFalse();
        assertThat(fires(rules, security(4689, fields)))
                .as("Security process exit")
                .isFalse();
        assertThat(fires(rules, windows("Application", 1, fields))).isFalse();
    }

    @Test
    void fieldReferencesAreMappedOnSecurity4688Too() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|fieldref: ParentImage
                condition: selection
                """);
        assertThat(fires(rules, security(4688, "NewProcessName", "C:\\a.exe", "ParentProcessName", "C:\\A.exe")))
                .isTrue();
        assertThat(fires(rules, security(4688, "NewProcessName", "C:\\a.exe", "ParentProcessName", "C:\\b.exe")))
                .isFalse();
    }

    @Test
    void aSecurityServiceRuleFiresOnlyOnSecurityEvents() {
        SigmaRules rules = one("product: windows\nservice: security\n", """
                selection:
                    EventID: 4624
                    LogonType: 10
                condition: selection
                """);
        assertThat(fires(rules, security(4624, "LogonType", "10"))).isTrue();
        assertThat(fires(rules, windows("security", 4624, "LogonType", "10")))
                .as("channel names are case-insensitive")
                .isTrue();
        assertThat(fires(rules, security(4625, "LogonType", "10"))).isFalse();
        assertThat(fires(rules, windows(SYSMON, 4624, "LogonType", "10"))).isFalse();
        assertThat(fires(rules, windows("System", 4624, "LogonType", "10"))).isFalse();
    }

    @Test
    void aSysmonServiceRuleSeesEverySysmonEvent() {
        SigmaRules rules = one("product: windows\nservice: sysmon\n", """
                selection:
                    EventID: 255
                condition: selection
                """);
        assertThat(fires(rules, windows(SYSMON, 255))).isTrue();
        assertThat(fires(rules, windows("Security", 255))).isFalse();
    }

    @Test
    void aWindowsRuleWithoutCategoryOrServiceSeesEveryWindowsEvent() {
        SigmaRules rules = one("product: windows\n", """
                selection:
                    Computer: 'dc01.corp.local'
                condition: selection
                """);
        assertThat(fires(rules, security(4624, "Computer", "DC01.corp.local"))).isTrue();
        assertThat(fires(rules, windows(SYSMON, 1, "Computer", "dc01.corp.local")))
                .isTrue();
        assertThat(fires(rules, windows(SYSMON, 1, "Computer", "ws01.corp.local")))
                .isFalse();
    }

    @Test
    void powershellScriptRulesRunOnEvent4104() {
        SigmaRules rules = one("product: windows\ncategory: ps_script\n", """
                selection:
                    ScriptBlockText|contains: 'Invoke-Mimikatz'
                condition: selection
                """);
        assertThat(fires(
                        rules,
                        windows(
                                "Microsoft-Windows-PowerShell/Operational",
                                4104,
                                "ScriptBlockText",
                                "Invoke-Mimikatz")))
                .isTrue();
        assertThat(fires(
                        rules,
                        windows(
                                "Microsoft-Windows-PowerShell/Operational",
                                4103,
                                "ScriptBlockText",
                                "Invoke-Mimikatz")))
                .isFalse();
    }

    @Test
    void theDnsCategoryRunsOnSysmonAndZeekWithEachOnesFieldNames() {
        SigmaRules rules = one("category: dns\n", """
                selection:
                    query|endswith: '.onion'
                condition: selection
                """);
        assertThat(fires(rules, windows(SYSMON, 22, "QueryName", "abc.ONION"))).isTrue();
        assertThat(fires(rules, windows(SYSMON, 22, "query", "abc.onion")))
                .as("Sysmon calls it QueryName")
                .isFalse();
        SigmaEvent zeek = new SigmaEvent(new EventView(Map.of("query", "abc.onion")), List.of(Route.zeekBucket("dns")));
        assertThat(fires(rules, zeek)).isTrue();
    }

    @Test
    void logSourcesWithoutEventsAreReportedAsUnrouted() {
        SigmaRules rules = load(
                dir,
                rule("mac", "product: macos\ncategory: process_creation\n", "s:\n    Image: x\ncondition: s\n"),
                rule("fa", "product: windows\ncategory: file_access\n", "s:\n    FileName: x\ncondition: s\n"),
                rule("svc", "product: windows\nservice: no-such-channel\n", "s:\n    A: x\ncondition: s\n"),
                rule("ok", "product: windows\ncategory: process_creation\n", "s:\n    Image: x\ncondition: s\n"));
        assertThat(rules.size()).isEqualTo(1);
        assertThat(rules.problems()).hasSize(3).allSatisfy(p -> {
            assertThat(p.unrouted()).as(p.reason()).isTrue();
            assertThat(p.reason()).startsWith("unrouted log source");
        });
        assertThat(rules.problems().stream().map(RuleProblem::ruleId)).containsExactlyInAnyOrder("mac", "fa", "svc");
        assertThat(rules.problems().get(0).reason()).contains("macos");
    }

    @Test
    void aBrokenRuleIsNotReportedAsUnrouted() {
        SigmaRules rules =
                load(dir, rule("b", "product: windows\nservice: security\n", "s:\n    A|bad: x\ncondition: s\n"));
        assertThat(rules.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.unrouted()).isFalse());
    }

    @Test
    void aRuleRoutedToTwoSourcesCountsAndFiresOnce() {
        SigmaRules rules = processRule(dir, "s:\n    CommandLine|contains: whoami\ncondition: s\n");
        assertThat(rules.size()).isEqualTo(1);
        assertThat(rules.buckets())
                .containsKeys(Route.windowsBucket(SYSMON, "1"), Route.windowsBucket("Security", "4688"));
        assertThat(rules.detect(process("CommandLine", "whoami"))).hasSize(1);
    }
}
