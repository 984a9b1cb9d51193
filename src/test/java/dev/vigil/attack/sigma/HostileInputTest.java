package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.load;
import static dev.vigil.attack.sigma.SigmaFixture.process;
import static dev.vigil.attack.sigma.SigmaFixture.processCreation;
import static dev.vigil.attack.sigma.SigmaFixture.processRefusal;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static dev.vigil.attack.sigma.SigmaFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vigil.attack.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule files and events written to hurt: each is refused or evaluated to no match, and the rest load. The
 * timeouts only guard against a hang; they assert nothing about speed.
 */
class HostileInputTest {

    /** A hang guard, far above what any of these takes. */
    private static final Duration HANG = Duration.ofSeconds(10);

    private static final String CATASTROPHIC_INPUT = "a".repeat(44) + "!";

    @TempDir
    Path dir;

    @Test
    void malformedYamlIsRefused() {
        assertThat(refusal(dir, "title: t\nlogsource: [unclosed\ndetection: {").reason())
                .startsWith("malformed YAML");
    }

    @Test
    void aYamlAliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("title: lol\nlogsource:\n    product: windows\n");
        bomb.append("a0: &a0 ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol']\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        bomb.append("detection:\n    keywords: *a9\n    condition: keywords\n");
        RuleProblem problem = assertTimeoutPreemptively(HANG, () -> refusal(dir, bomb.toString()));
        assertThat(problem.reason()).contains("malformed YAML");
    }

    @Test
    void deeplyNestedYamlIsRefused() {
        String nested = "[".repeat(500) + "]".repeat(500);
        assertThat(refusal(dir, "title: t\nlogsource: " + nested + "\n").reason())
                .contains("malformed YAML");
    }

    @Test
    void aFileOverOneMegabyteIsRefusedUnread() {
        String rule = processCreation("big", "s:\n    A: 1\ncondition: s\n") + "description: '"
                + "x".repeat(RuleReader.MAX_RULE_BYTES) + "'\n";
        RuleProblem problem = refusal(dir, rule);
        assertThat(problem.reason()).contains("larger than");
        assertThat(problem.ruleId()).as("not even read").isNull();
    }

    @Test
    void twentyThousandValuesInOneFieldAreRefused() {
        StringBuilder values = new StringBuilder("s:\n    CommandLine|contains:\n");
        for (int i = 0; i < 20_000; i++) {
            values.append("        - 'v").append(i).append("'\n");
        }
        values.append("condition: s\n");
        assertThat(processRefusal(dir, values.toString()).reason()).contains("20000 values");
    }

    @Test
    void windashOnAValueWithManyDashesStaysBounded() {
        String value = " -a".repeat(30);
        FieldTest test = new FieldTestCompiler(UnaryOperator.identity(), RuleCompiler.MAX_PATTERNS_PER_RULE)
                .compile("CommandLine|windash|contains", value);
        // 5^30 spellings would never finish; the same dash everywhere is what command lines do
        assertThat(((StringTest) test).patterns()).hasSize(5);
        SigmaRules rules = processRule(dir, "s:\n    CommandLine|windash|contains: '" + value + "'\ncondition: s\n");
        assertThat(fires(rules, process("CommandLine", "x" + value.replace('-', '/'))))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", "x" + value.replace('-', '\u2013'))))
                .isTrue();
    }

    @Test
    void windashOnManyValuesIsRefusedBeforeItExhaustsMemory() {
        StringBuilder values = new StringBuilder("s:\n    CommandLine|windash|base64offset|contains:\n");
        for (int i = 0; i < 2_000; i++) {
            values.append("        - ' -a -b -c -d ").append(i).append("'\n");
        }
        values.append("condition: s\n");
        // 2,000 values x 625 spellings x 3 offsets
        RuleProblem problem = assertTimeoutPreemptively(HANG, () -> processRefusal(dir, values.toString()));
        assertThat(problem.reason()).contains("too many values");
    }

    @Test
    void catastrophicBacktrackingGivesUpAsNoMatch() {
        for (String pattern : List.of("(a+)+\\1$", "(a|aa)+\\1$", "^(?=(a+)+$)x", "^(?=(a|aa)+$)(a+)+\\2x")) {
            BoundedRegex regex = BoundedRegex.compile(pattern, false, false, false);
            assertThat(regex.linear()).as("%s needs java.util.regex", pattern).isFalse();
            boolean found = assertTimeoutPreemptively(HANG, () -> regex.find(CATASTROPHIC_INPUT), pattern);
            assertThat(found).as(pattern).isFalse();
        }
    }

    @Test
    void aCatastrophicRuleDoesNotHangDetection() {
        SigmaRules rules = processRule(dir, """
                s:
                    CommandLine|re: '(a+)+\\1$'
                condition: s
                """);
        boolean fired = assertTimeoutPreemptively(HANG, () -> fires(rules, process("CommandLine", CATASTROPHIC_INPUT)));
        assertThat(fired).isFalse();
        assertThat(fires(rules, process("CommandLine", "aaaa")))
                .as("it still matches what it should")
                .isTrue();
    }

    @Test
    void nestedQuantifiersWithoutBacktrackingFeaturesRunInLinearTime() {
        BoundedRegex regex = BoundedRegex.compile("(a+)+$", false, false, false);
        assertThat(regex.linear()).isTrue();
        assertThat(assertTimeoutPreemptively(HANG, () -> regex.find(CATASTROPHIC_INPUT)))
                .isFalse();
        assertThat(regex.find("xaaa")).isTrue();
    }

    @Test
    void anOverlongRegexIsRefused() {
        assertThat(processRefusal(dir, "s:\n    CommandLine|re: '" + "a".repeat(5_000) + "'\ncondition: s\n")
                        .reason())
                .contains("longer than");
    }

    @Test
    void oneBadRuleNeverStopsTheOthers() throws Exception {
        SigmaRules rules = load(
                dir,
                processCreation("good-1", "s:\n    Image|endswith: '\\\\calc.exe'\ncondition: s\n"),
                "title: t\nlogsource: [unclosed",
                processCreation("bad-modifier", "s:\n    Image|nonsense: x\ncondition: s\n"),
                processCreation("bad-condition", "s:\n    A: 1\ncondition: s and t\n"),
                processCreation("bad-regex", "s:\n    A|re: '('\ncondition: s\n"),
                "just a string",
                "",
                processCreation("good-2", "s:\n    Image|endswith: '\\\\calc.exe'\ncondition: s\n"));
        Files.write(dir.resolve("rule900.yml"), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        rules = SigmaRules.load(false, List.of(dir));
        assertThat(rules.size()).isEqualTo(2);
        assertThat(rules.problems()).hasSize(7);
        assertThat(rules.problems()).allSatisfy(p -> assertThat(p.reason()).isNotBlank());
        assertThat(SigmaFixture.firing(rules, process("Image", "C:\\Windows\\calc.exe")))
                .containsExactlyInAnyOrder("good-1", "good-2");
    }

    @Test
    void aFolderThatIsNotThereIsAnError() {
        assertThatThrownBy(() -> SigmaRules.load(false, List.of(dir.resolve("missing"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void aMultiMegabyteEventValueIsEvaluated() {
        SigmaRules rules = processRule(dir, "s:\n    CommandLine|contains: 'needle'\ncondition: s\n");
        String huge = "needle" + " x".repeat(1_000_000);
        assertThat(assertTimeoutPreemptively(HANG, () -> fires(rules, process("CommandLine", huge))))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", " x".repeat(1_000_000)))).isFalse();
    }
}
