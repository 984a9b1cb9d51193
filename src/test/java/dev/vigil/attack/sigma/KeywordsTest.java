package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.load;
import static dev.vigil.attack.sigma.SigmaFixture.rule;
import static dev.vigil.attack.sigma.SigmaFixture.security;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keywords: values without a field, searched (case-insensitively, anywhere) in every field of the event. */
class KeywordsTest {

    @TempDir
    Path dir;

    private SigmaRules securityRule(String detection) {
        SigmaRules rules = load(dir, rule("k", "product: windows\nservice: security\n", detection));
        assertThat(rules.problems()).isEmpty();
        return rules;
    }

    @Test
    void aKeywordListMatchesWhenAnyKeywordIsInAnyField() {
        SigmaRules rules = securityRule("""
                keywords:
                    - 'mimikatz'
                    - 'sekurlsa::'
                condition: keywords
                """);
        assertThat(fires(rules, security(4688, "NewProcessName", "C:\\Temp\\MimiKatz.exe")))
                .isTrue();
        assertThat(fires(rules, security(4688, "CommandLine", "x.exe SEKURLSA::logonpasswords")))
                .isTrue();
        assertThat(fires(rules, security(4688, "CommandLine", "x.exe privilege::debug")))
                .isFalse();
    }

    @Test
    void keywordsHonourWildcards() {
        SigmaRules rules = securityRule("""
                keywords:
                    - 'lsass*dmp'
                condition: keywords
                """);
        assertThat(fires(rules, security(4688, "CommandLine", "procdump -ma lsass.exe out.dmp")))
                .isTrue();
        assertThat(fires(rules, security(4688, "CommandLine", "procdump -ma lsass.exe")))
                .isFalse();
    }

    @Test
    void allKeywordsMustEachBeSomewhereInTheEvent() {
        SigmaRules rules = securityRule("""
                keywords:
                    '|all':
                        - 'vssadmin'
                        - 'delete'
                        - 'shadows'
                condition: keywords
                """);
        assertThat(fires(rules, security(4688, "CommandLine", "vssadmin.exe Delete Shadows /all /quiet")))
                .isTrue();
        assertThat(fires(
                        rules,
                        security(
                                4688,
                                "NewProcessName",
                                "C:\\Windows\\vssadmin.exe",
                                "CommandLine",
                                "x delete shadows")))
                .as("in different fields")
                .isTrue();
        assertThat(fires(rules, security(4688, "CommandLine", "vssadmin.exe list shadows")))
                .isFalse();
    }

    @Test
    void allKeywordsWithWindashNeedEachKeywordInSomeSpelling() {
        SigmaRules rules = securityRule("""
                keywords:
                    '|all|windash':
                        - ' -s '
                        - ' -t 0'
                condition: keywords
                """);
        assertThat(fires(rules, security(4688, "CommandLine", "shutdown /s -t 0")))
                .isTrue();
        assertThat(fires(rules, security(4688, "CommandLine", "shutdown /s /f")))
                .isFalse();
    }

    @Test
    void keywordsCombineWithSelectionsInTheCondition() {
        SigmaRules rules = securityRule("""
                selection:
                    EventID: 4688
                keywords:
                    - 'procdump'
                condition: selection and keywords
                """);
        assertThat(fires(rules, security(4688, "CommandLine", "procdump -ma lsass")))
                .isTrue();
        assertThat(fires(rules, security(4624, "CommandLine", "procdump -ma lsass")))
                .isFalse();
    }

    @Test
    void aNullKeywordIsRefused() {
        SigmaRules rules = load(dir, rule("k", "product: windows\nservice: security\n", """
                keywords:
                    - 'x'
                    - null
                condition: keywords
                """));
        assertThat(rules.size()).isZero();
        assertThat(rules.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("keyword cannot be null"));
    }
}
