package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.process;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code *} and {@code ?} in values, and the Sigma escaping rules: {@code \*}, {@code \?} and {@code \\}
 * are literal; a backslash before anything else is itself (so {@code C:\Windows\} needs no doubling).
 * In the Java text blocks below every YAML backslash is written {@code \\}.
 */
class WildcardsTest {

    @TempDir
    Path dir;

    private SigmaRules rule(String value) {
        return processRule(dir, "selection:\n    CommandLine: '" + value + "'\ncondition: selection\n");
    }

    private static boolean matches(SigmaRules rules, String commandLine) {
        return fires(rules, process("CommandLine", commandLine));
    }

    @Test
    void starMatchesAnyRunOfCharactersIncludingNone() {
        SigmaRules rules = rule("net* user * /add");
        assertThat(matches(rules, "net.exe user bob /add")).isTrue();
        assertThat(matches(rules, "net user  /add")).isTrue();
        assertThat(matches(rules, "NET1 USER x /ADD")).isTrue();
        assertThat(matches(rules, "net user bob /add /y"))
                .as("anchored at the end")
                .isFalse();
        assertThat(matches(rules, "cmd /c net user bob /add"))
                .as("anchored at the start")
                .isFalse();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        SigmaRules rules = rule("cmd.exe /? whoami");
        assertThat(matches(rules, "cmd.exe /c whoami")).isTrue();
        assertThat(matches(rules, "cmd.exe /k whoami")).isTrue();
        assertThat(matches(rules, "cmd.exe / whoami")).isFalse();
        assertThat(matches(rules, "cmd.exe /cc whoami")).isFalse();
    }

    @Test
    void wildcardsMixWithinOneValue() {
        SigmaRules rules = rule("*a?c*x*z");
        assertThat(matches(rules, "__abc__x__z")).isTrue();
        assertThat(matches(rules, "aXcxz")).isTrue();
        assertThat(matches(rules, "abcz")).isFalse();
        assertThat(matches(rules, "abcxz_")).isFalse();
    }

    @Test
    void partsMayNotOverlapTheAnchoredEnds() {
        SigmaRules rules = rule("ab*ba");
        assertThat(matches(rules, "abba")).isTrue();
        assertThat(matches(rules, "aba")).as("'ab' and 'ba' would share the b").isFalse();
    }

    @Test
    void escapedStarAndQuestionMarkAreLiteral() {
        SigmaRules star = rule("select \\* from users");
        assertThat(matches(star, "select * from users")).isTrue();
        assertThat(matches(star, "select id from users")).isFalse();
    }

    @Test
    void backslashStarAfterADriveLetterIsALiteralStarNotAWildcard() {
        SigmaRules rules = rule("C:\\*");
        assertThat(matches(rules, "C:*")).isTrue();
        assertThat(matches(rules, "C:\\Windows")).isFalse();
    }

    @Test
    void escapedQuestionMarkIsLiteral() {
        SigmaRules question = rule("what\\?");
        assertThat(matches(question, "what?")).isTrue();
        assertThat(matches(question, "whats")).isFalse();
    }

    @Test
    void doubledBackslashIsOneLiteralBackslashFollowedByAWildcard() {
        // \\* : an escaped backslash, then a real wildcard
        SigmaRules rules = rule("C:\\Temp\\\\*");
        assertThat(matches(rules, "C:\\Temp\\evil.exe")).isTrue();
        assertThat(matches(rules, "C:\\Temp\\\\evil.exe"))
                .as("one backslash, not two")
                .isTrue();
        assertThat(matches(rules, "C:\\Tempevil.exe")).isFalse();
    }

    @Test
    void doubledBackslashAtTheEndIsOneBackslash() {
        SigmaRules rules = rule("C:\\Temp\\\\");
        assertThat(matches(rules, "C:\\Temp\\")).isTrue();
        assertThat(matches(rules, "C:\\Temp\\\\")).isFalse();
    }

    @Test
    void backslashBeforeAnOrdinaryCharacterIsLiteral() {
        SigmaRules rules = rule("C:\\Windows\\System32\\");
        assertThat(matches(rules, "C:\\Windows\\System32\\")).isTrue();
        assertThat(matches(rules, "C:WindowsSystem32")).isFalse();
    }

    @Test
    void windowsPathsNeedNoDoublingWithModifiers() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Image|startswith: 'C:\\Users\\'
                    Image|endswith: '\\AppData\\Local\\Temp\\x.exe'
                condition: selection
                """);
        assertThat(fires(rules, process("Image", "C:\\Users\\bob\\AppData\\Local\\Temp\\x.exe")))
                .isTrue();
        assertThat(fires(rules, process("Image", "C:\\Users\\bob\\AppData\\Local\\Temp\\y.exe")))
                .isFalse();
    }

    @Test
    void wildcardsWorkInsideContainsStartswithAndEndswith() {
        SigmaRules rules = processRule(dir, """
                c:
                    CommandLine|contains: 'reg* add'
                s:
                    CommandLine|startswith: 'C:\\\\*\\reg'
                e:
                    CommandLine|endswith: '/?'
                condition: c and s and e
                """);
        assertThat(fires(rules, process("CommandLine", "C:\\Windows\\reg.exe add HKLM\\x /f")))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", "C:\\Windows\\reg.exe query HKLM\\x /f")))
                .isFalse();
        assertThat(fires(rules, process("CommandLine", "C:\\Windows\\reg.exe add HKLM\\x /ff")))
                .isFalse();
    }

    @Test
    void aLoneStarMatchesAnyPresentValueButNotAnAbsentField() {
        SigmaRules rules = rule("*");
        assertThat(matches(rules, "")).isTrue();
        assertThat(matches(rules, "anything")).isTrue();
        assertThat(fires(rules, process("Image", "x"))).isFalse();
    }

    @Test
    void anEmptyValueMatchesOnlyAnEmptyValue() {
        SigmaRules rules = rule("");
        assertThat(matches(rules, "")).isTrue();
        assertThat(matches(rules, " ")).isFalse();
    }

    @Test
    void wildcardsAreCaseInsensitiveToo() {
        SigmaRules rules = rule("*\\SYSTEM32\\C?NHOST.EXE*");
        assertThat(matches(rules, "c:\\windows\\system32\\conhost.exe 0xffffffff"))
                .isTrue();
    }
}
