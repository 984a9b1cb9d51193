package dev.vigil.attack.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code |all} joins the values of a list; a modifier that spells one value several ways ({@code windash},
 * {@code base64offset}) must still let that value match through any of its spellings, as in pySigma, where
 * such an expansion is an or-group inside the and.
 */
class ExpansionUnderAllTest {

    private static CompiledRule rule(String detection) {
        String text = """
                title: t
                id: 00000000-0000-4000-8000-000000000001
                logsource:
                    product: windows
                    category: process_creation
                detection:
                """ + detection.indent(4) + "    condition: sel\n";
        return RuleCompiler.compile(RuleReader.read(text, "test"), UnaryOperator.identity());
    }

    private static boolean matches(CompiledRule rule, String commandLine) {
        return rule.matches(new EventView(Map.of("CommandLine", commandLine)));
    }

    @Test
    void windashUnderAllNeedsEachValueInOneOfItsSpellings() {
        CompiledRule rule = rule("""
                sel:
                    CommandLine|windash|contains|all:
                        - ' -create'
                        - ' -s '
                """);
        assertThat(matches(rule, "schtasks /create /s host /tn x")).isTrue();
        assertThat(matches(rule, "schtasks -create -s host /tn x")).isTrue();
        assertThat(matches(rule, "schtasks /create -s host /tn x")).isTrue();
        assertThat(matches(rule, "schtasks \u2013create \u2014s host")).isTrue();
        assertThat(matches(rule, "schtasks /create /tn x /sc daily")).isFalse();
        assertThat(matches(rule, "schtasks /query /s host")).isFalse();
    }

    @Test
    void base64offsetUnderAllNeedsEachValueAtOneOfItsOffsets() {
        CompiledRule rule = rule("""
                sel:
                    CommandLine|base64offset|contains|all:
                        - 'http://'
                        - 'IEX'
                """);
        String both = java.util.Base64.getEncoder().encodeToString("xIEX (iwr http://a)".getBytes());
        String one = java.util.Base64.getEncoder().encodeToString("xIEX (iwr ftp://a)".getBytes());
        assertThat(matches(rule, "powershell -enc " + both)).isTrue();
        assertThat(matches(rule, "powershell -enc " + one)).isFalse();
    }

    @Test
    void windashKeywordsUnderAllNeedEachKeywordInOneOfItsSpellings() {
        CompiledRule rule = rule("""
                sel:
                    '|windash|all':
                        - ' -urlcache'
                        - ' -f '
                """);
        assertThat(matches(rule, "certutil /urlcache -f http://x a.exe")).isTrue();
        assertThat(matches(rule, "certutil /urlcache * delete")).isFalse();
    }

    @Test
    void withoutAllTheSpellingsStayOneList() {
        CompiledRule rule = rule("""
                sel:
                    CommandLine|windash|contains:
                        - ' -create'
                        - ' -delete'
                """);
        assertThat(matches(rule, "schtasks /delete /tn x")).isTrue();
        assertThat(matches(rule, "schtasks /query")).isFalse();
    }
}
