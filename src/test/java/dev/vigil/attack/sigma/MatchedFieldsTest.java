package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.detection;
import static dev.vigil.attack.sigma.SigmaFixture.load;
import static dev.vigil.attack.sigma.SigmaFixture.process;
import static dev.vigil.attack.sigma.SigmaFixture.processCreation;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static dev.vigil.attack.sigma.SigmaFixture.security;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.attack.Detection;
import dev.vigil.attack.MatchedField;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a detection tells the analyst: each field that made the rule match, its value and the test. */
class MatchedFieldsTest {

    @TempDir
    Path dir;

    @Test
    void namesEachMatchedFieldItsValueAndTheTest() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|endswith: '\\certutil.exe'
                    CommandLine|contains|all:
                        - 'urlcache'
                        - 'http'
                condition: selection
                """);
        Detection detection = detection(
                rules, process("Image", "C:\\Windows\\certutil.exe", "CommandLine", "certutil -urlcache http://x"));
        assertThat(detection.matched())
                .containsExactlyInAnyOrder(
                        new MatchedField("Image", "C:\\Windows\\certutil.exe", "endswith \\certutil.exe"),
                        new MatchedField(
                                "CommandLine", "certutil -urlcache http://x", "contains|all [urlcache, http]"));
        assertThat(detection.reason()).contains("Image endswith \\certutil.exe (C:\\Windows\\certutil.exe)");
    }

    @Test
    void namesTheValueOfAListThatMatchedNotTheWholeList() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|endswith:
                        - '\\certutil.exe'
                        - '\\bitsadmin.exe'
                        - '\\curl.exe'
                    CommandLine|windash|contains: ' -urlcache '
                    ParentImage|re:
                        - 'explorer'
                        - 'cmd\\.exe$'
                condition: selection
                """);
        Detection detection = detection(
                rules,
                process(
                        "Image", "C:\\x\\BITSADMIN.exe",
                        "CommandLine", "x /urlcache y",
                        "ParentImage", "C:\\cmd.exe"));
        assertThat(detection.matched())
                .containsExactlyInAnyOrder(
                        new MatchedField("Image", "C:\\x\\BITSADMIN.exe", "endswith \\bitsadmin.exe"),
                        new MatchedField("CommandLine", "x /urlcache y", "windash|contains  /urlcache "),
                        new MatchedField("ParentImage", "C:\\cmd.exe", "matches /cmd\\.exe$/"));
    }

    @Test
    void leavesOutFieldsThatOnlyAppearUnderNot() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|endswith: '\\rundll32.exe'
                filter:
                    CommandLine|contains: 'shell32.dll'
                condition: selection and not filter
                """);
        Detection detection = detection(rules, process("Image", "C:\\rundll32.exe", "CommandLine", "rundll32 x.dll"));
        assertThat(detection.matched()).extracting(MatchedField::field).containsExactly("Image");
    }

    @Test
    void namesOnlyTheAlternativeThatMatched() {
        SigmaRules rules = processRule(dir, """
                a:
                    Image|endswith: '\\mshta.exe'
                b:
                    CommandLine|contains: 'javascript:'
                condition: a or b
                """);
        Detection detection = detection(rules, process("Image", "C:\\x.exe", "CommandLine", "x javascript:y"));
        assertThat(detection.matched())
                .containsExactly(new MatchedField("CommandLine", "x javascript:y", "contains javascript:"));
    }

    @Test
    void namesTheMatchedMapOfAListOfMaps() {
        SigmaRules rules = processRule(dir, """
                selection:
                    - Image|endswith: '\\a.exe'
                    - User: 'SYSTEM'
                condition: selection
                """);
        Detection detection = detection(rules, process("Image", "C:\\b.exe", "User", "system"));
        assertThat(detection.matched()).containsExactly(new MatchedField("User", "system", "is SYSTEM"));
    }

    @Test
    void namesTheEventFieldOfAMappedLogSource() {
        SigmaRules rules = processRule(dir, "s:\n    Image|endswith: '\\certutil.exe'\ncondition: s\n");
        Detection detection = detection(rules, security(4688, "NewProcessName", "C:\\Windows\\certutil.exe"));
        assertThat(detection.matched())
                .containsExactly(
                        new MatchedField("NewProcessName", "C:\\Windows\\certutil.exe", "endswith \\certutil.exe"));
    }

    @Test
    void namesTheFieldWhereAKeywordWasFound() {
        SigmaRules rules = load(dir, SigmaFixture.rule("k", "product: windows\nservice: security\n", """
                keywords:
                    - 'mimikatz'
                condition: keywords
                """));
        Detection detection = detection(rules, security(4688, "CommandLine", "C:\\t\\MIMIKATZ.exe"));
        assertThat(detection.matched())
                .containsExactly(new MatchedField("CommandLine", "C:\\t\\MIMIKATZ.exe", "contains keyword mimikatz"));
    }

    @Test
    void describesNonTextTests() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|re: '-e(nc)? '
                    ParentImage: null
                    OriginalFileName|exists: true
                    TerminalSessionId|gt: 0
                condition: selection
                """);
        Detection detection = detection(
                rules, process("CommandLine", "ps -e x", "OriginalFileName", "ps.exe", "TerminalSessionId", "2"));
        assertThat(detection.matched())
                .containsExactlyInAnyOrder(
                        new MatchedField("CommandLine", "ps -e x", "matches /-e(nc)? /"),
                        new MatchedField("ParentImage", "", "is empty"),
                        new MatchedField("OriginalFileName", "ps.exe", "exists"),
                        new MatchedField("TerminalSessionId", "2", "gt 0"));
    }

    @Test
    void cutsLongValues() {
        SigmaRules rules = processRule(dir, "s:\n    CommandLine|startswith: 'powershell'\ncondition: s\n");
        String longCommand = "powershell -enc " + "A".repeat(1_000);
        List<MatchedField> matched =
                detection(rules, process("CommandLine", longCommand)).matched();
        assertThat(matched).singleElement().satisfies(f -> {
            assertThat(f.value()).hasSize(MatchedField.MAX_VALUE_LENGTH).endsWith("…");
            assertThat(f.value()).startsWith("powershell -enc AAA");
        });
    }

    @Test
    void detectionsComeMostSevereFirstAndEachRuleOnce() {
        String low = processCreation("low", "s:\n    CommandLine|contains: whoami\ncondition: s\n")
                .replace("level: high", "level: low");
        String critical = processCreation("critical", "s:\n    CommandLine|contains: whoami\ncondition: s\n")
                .replace("level: high", "level: critical");
        SigmaRules rules = load(dir, low, critical);
        assertThat(SigmaFixture.firing(rules, process("CommandLine", "whoami /all")))
                .containsExactly("critical", "low");
    }
}
