package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.load;
import static dev.vigil.attack.sigma.SigmaFixture.processCreation;
import static dev.vigil.attack.sigma.SigmaFixture.processRefusal;
import static dev.vigil.attack.sigma.SigmaFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.attack.RuleProblem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules Vigil cannot run are refused with a reason a rule author can act on, never silently dropped. */
class RuleRefusalsTest {

    @TempDir
    Path dir;

    private RuleProblem refusedItem(String item) {
        return processRefusal(dir, "selection:\n    " + item + "\ncondition: selection\n");
    }

    @Test
    void expandIsRefusedWithAReason() {
        RuleProblem problem = refusedItem("Attributes|contains|expand: '%DomainControllers%'");
        assertThat(problem.reason()).contains("'expand'").contains("placeholder");
        assertThat(problem.unrouted()).isFalse();
    }

    @Test
    void anUnknownModifierIsRefusedByName() {
        assertThat(refusedItem("CommandLine|contains|base65: 'x'").reason()).contains("'base65'");
        assertThat(refusedItem("CommandLine|Contains: 'x'").reason())
                .as("modifiers are lower-case")
                .contains("'Contains'");
    }

    @Test
    void contradictoryPositionsAreRefused() {
        assertThat(refusedItem("CommandLine|contains|startswith: 'x'").reason())
                .contains("contains, startswith and endswith");
    }

    @Test
    void regexFlagsWithoutReAreRefused() {
        // pySigma: the i, m and s flags apply only to regular expressions
        assertThat(refusedItem("CommandLine|contains|i: 'x'").reason())
                .contains("'i'")
                .contains("re");
    }

    @Test
    void modifiersThatCannotApplyToARegexAreRefused() {
        assertThat(refusedItem("CommandLine|re|cased: 'x'").reason()).contains("'cased'");
        assertThat(refusedItem("CommandLine|windash|re: ' -x'").reason()).contains("'windash'");
        assertThat(refusedItem("CommandLine|re|base64: 'x'").reason()).contains("'base64'");
    }

    @Test
    void modifiersThatCannotApplyToARangeOrANumberAreRefused() {
        assertThat(refusedItem("DestinationIp|cidr|contains: '10.0.0.0/8'").reason())
                .contains("'contains'");
        assertThat(refusedItem("DestinationPort|gt|windash: 5").reason()).contains("'windash'");
        assertThat(refusedItem("Image|exists|contains: true").reason()).contains("'contains'");
    }

    @Test
    void aNestedStructureWhereAValueBelongsIsRefused() {
        assertThat(processRefusal(dir, """
                        selection:
                            Image:
                                - a: b
                        condition: selection
                        """).reason()).contains("nested structure");
    }

    @Test
    void emptySelectionsAndValueListsAreRefused() {
        assertThat(processRefusal(dir, "selection:\ncondition: selection\n").reason())
                .contains("empty");
        assertThat(processRefusal(dir, "selection:\n    Image: []\ncondition: selection\n")
                        .reason())
                .contains("empty value list");
    }

    @Test
    void aRuleWithoutTitleLogsourceDetectionOrConditionIsRefused() {
        assertThat(refusal(
                                dir,
                                "id: x\nlogsource:\n    product: windows\ndetection:\n    s:\n        A: 1\n    condition: s\n")
                        .reason())
                .contains("no title");
        assertThat(refusal(dir, "title: t\ndetection:\n    s:\n        A: 1\n    condition: s\n")
                        .reason())
                .contains("no logsource");
        assertThat(refusal(dir, "title: t\nlogsource:\n    product: windows\n").reason())
                .contains("no detection");
        assertThat(refusal(dir, "title: t\nlogsource:\n    product: windows\ndetection:\n    s:\n        A: 1\n")
                        .reason())
                .contains("no condition");
    }

    @Test
    void anUnknownLevelIsRefused() {
        String rule = processCreation("r", "s:\n    A: 1\ncondition: s\n").replace("level: high", "level: urgent");
        assertThat(refusal(dir, rule).reason()).contains("'urgent'");
    }

    @Test
    void correlationRulesAndRuleCollectionsAreRefused() {
        assertThat(refusal(dir, """
                        title: many logons
                        correlation:
                            type: event_count
                            rules: [x]
                            timespan: 5m
                        """).reason()).contains("correlation");
        String one = processCreation("a", "s:\n    A: 1\ncondition: s\n");
        String two = processCreation("b", "s:\n    A: 1\ncondition: s\n");
        assertThat(refusal(dir, one + "---\n" + two).reason()).contains("one rule per file");
    }

    @Test
    void duplicateRuleIdsAreRefusedAndTheFirstKept() {
        SigmaRules rules = load(
                dir,
                processCreation("same-id", "s:\n    A: 1\ncondition: s\n"),
                processCreation("same-id", "s:\n    B: 1\ncondition: s\n"));
        assertThat(rules.size()).isEqualTo(1);
        assertThat(rules.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("duplicate rule id same-id").contains("rule000.yml");
            assertThat(p.source()).endsWith("rule001.yml");
            assertThat(p.ruleId()).isEqualTo("same-id");
        });
        assertThat(SigmaFixture.firing(rules, SigmaFixture.process("A", "1"))).containsExactly("same-id");
        assertThat(SigmaFixture.firing(rules, SigmaFixture.process("B", "1"))).isEmpty();
    }

    @Test
    void aProblemNamesTheFileTheRuleAndItsTitle() {
        RuleProblem problem = refusedItem("CommandLine|bogus: 'x'");
        assertThat(problem.source()).endsWith("rule000.yml");
        assertThat(problem.ruleId()).isEqualTo("r");
        assertThat(problem.title()).isEqualTo("Rule r");
    }
}
