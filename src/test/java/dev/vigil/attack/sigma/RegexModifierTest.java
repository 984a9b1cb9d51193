package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.process;
import static dev.vigil.attack.sigma.SigmaFixture.processRefusal;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code re}: an unanchored search, case-sensitive unless {@code i}; {@code m} and {@code s} as in Python. */
class RegexModifierTest {

    @TempDir
    Path dir;

    private SigmaRules regex(String modifiers, String pattern) {
        return processRule(
                dir, "selection:\n    CommandLine|" + modifiers + ": '" + pattern + "'\ncondition: selection\n");
    }

    private static boolean matches(SigmaRules rules, String commandLine) {
        return fires(rules, process("CommandLine", commandLine));
    }

    @Test
    void findsThePatternAnywhereInTheValue() {
        SigmaRules rules = regex("re", "-e(nc|ncodedcommand)? [A-Za-z0-9+/=]{8,}");
        assertThat(matches(rules, "powershell.exe -nop -enc SQBFAFgAIAAoAE4A")).isTrue();
        assertThat(matches(rules, "powershell.exe -e SQBFAFgAIAAoAE4A -w hidden"))
                .isTrue();
        assertThat(matches(rules, "powershell.exe -enc abc")).isFalse();
    }

    @Test
    void isCaseSensitiveByDefault() {
        SigmaRules rules = regex("re", "Invoke-Mimikatz");
        assertThat(matches(rules, "IEX; Invoke-Mimikatz -DumpCreds")).isTrue();
        assertThat(matches(rules, "iex; invoke-mimikatz -dumpcreds")).isFalse();
    }

    @Test
    void iIgnoresCase() {
        SigmaRules rules = regex("re|i", "Invoke-Mimikatz");
        assertThat(matches(rules, "iex; invoke-mimikatz -dumpcreds")).isTrue();
        assertThat(matches(rules, "iex; invoke-mimi")).isFalse();
    }

    @Test
    void anchorsMatchAtLineBreaksOnlyWithM() {
        String text = "cmd /c\nwhoami\nexit";
        assertThat(matches(regex("re", "^whoami$"), text)).isFalse();
    }

    @Test
    void mMakesAnchorsMatchAtLineBreaks() {
        assertThat(matches(regex("re|m", "^whoami$"), "cmd /c\nwhoami\nexit")).isTrue();
    }

    @Test
    void dotMatchesALineBreakOnlyWithS() {
        assertThat(matches(regex("re", "cmd.whoami"), "cmd\nwhoami")).isFalse();
    }

    @Test
    void sMakesTheDotMatchALineBreak() {
        SigmaRules rules = regex("re|s", "cmd.whoami");
        assertThat(matches(rules, "cmd\nwhoami")).isTrue();
        assertThat(matches(rules, "cmd\n\nwhoami")).isFalse();
    }

    @Test
    void aListOfPatternsMatchesAnyOfThem() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|re:
                        - '\\\\\\\\[0-9.]+\\\\C\\$'
                        - 'net\\s+use'
                condition: selection
                """);
        assertThat(matches(rules, "dir \\\\10.0.0.5\\C$\\Windows")).isTrue();
        assertThat(matches(rules, "net   use z: \\\\srv\\share")).isTrue();
        assertThat(matches(rules, "dir \\\\srv\\C$")).isFalse();
    }

    @Test
    void patternsThatNeedBacktrackingFeaturesStillWork() {
        // look-ahead and back-references are not linear-time; they run on java.util.regex under a budget
        SigmaRules lookahead = regex("re", "^(?=.*-nop)(?=.*-w hidden).*powershell");
        assertThat(matches(lookahead, "powershell -w hidden -nop -c x")).isTrue();
        assertThat(matches(lookahead, "powershell -nop -c x")).isFalse();
        SigmaRules backreference = regex("re", "-(\\w+) -\\1\\b");
        assertThat(matches(backreference, "x.exe -install -install")).isTrue();
        assertThat(matches(backreference, "x.exe -install -uninstall")).isFalse();
    }

    @Test
    void anInvalidPatternIsRefusedWithTheReason() {
        assertThat(processRefusal(dir, "selection:\n    CommandLine|re: '(unclosed'\ncondition: selection\n")
                        .reason())
                .contains("invalid regular expression");
    }

    @Test
    void aRegexDoesNotMatchAnAbsentField() {
        SigmaRules rules = regex("re", ".*");
        assertThat(matches(rules, "")).isTrue();
        assertThat(fires(rules, process("Image", "x"))).isFalse();
    }
}
