package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.process;
import static dev.vigil.attack.sigma.SigmaFixture.processRefusal;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** base64, base64offset, wide / utf16le / utf16be / utf16 and windash. */
class EncodingModifiersTest {

    private static final Base64.Encoder B64 = Base64.getEncoder();

    @TempDir
    Path dir;

    /** The texts one item compiles to, as the engine will look for them. */
    private static List<String> compiled(String key, String value) {
        FieldTest test = new FieldTestCompiler(UnaryOperator.identity(), 1_000).compile(key, value);
        assertThat(test).isInstanceOf(StringTest.class);
        return ((StringTest) test).patterns().stream().map(StringPattern::text).toList();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Base64 of a longer text in which the value sits after {@code shift} bytes, as a command line carries it. */
    private static String encodedInside(int shift, byte[] value, Charset charset) {
        byte[] before = "Xy0".repeat(3).substring(0, shift).getBytes(charset);
        byte[] after = "; exit".getBytes(charset);
        return B64.encodeToString(concat(before, value, after));
    }

    @Test
    void base64MatchesTheWholeEncodedValue() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|base64|contains: 'http://'
                condition: selection
                """);
        String encoded = B64.encodeToString("http://".getBytes(StandardCharsets.UTF_8));
        assertThat(encoded).isEqualTo("aHR0cDovLw==");
        assertThat(fires(rules, process("CommandLine", "echo " + encoded + " | base64 -d")))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", "echo aHR0cHM6Ly8= | base64 -d")))
                .as("https:// encodes otherwise")
                .isFalse();
    }

    @Test
    void base64offsetGivesTheSameThreeVariantsAsPySigma() {
        assertThat(compiled("CommandLine|base64offset|contains", "http://"))
                .containsExactly("aHR0cDovL", "h0dHA6Ly", "odHRwOi8v");
    }

    @Test
    void base64offsetVariantsAreTheStableMiddleOfTheValueAtEachAlignment() {
        // Computed independently: the characters of base64(k spaces + value) that depend on value bytes only.
        for (String value : List.of("http://", "IEX (New-Object", "ab", "Invoke-Mimikatz")) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            List<String> expected = new java.util.ArrayList<>();
            for (int shift = 0; shift < 3; shift++) {
                String full = B64.encodeToString(concat(" ".repeat(shift).getBytes(StandardCharsets.UTF_8), bytes));
                int from = (shift * 8 + 5) / 6; // first character made only of value bits
                int to = ((shift + bytes.length) * 8) / 6; // characters fully made of value bits
                expected.add(full.substring(from, to));
            }
            assertThat(compiled("CommandLine|base64offset|contains", value))
                    .as(value)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void base64offsetFindsTheValueAtEveryOffsetOfAnEncodedCommand() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|base64offset|contains: 'http://'
                condition: selection
                """);
        for (int shift = 0; shift < 6; shift++) {
            String encoded = encodedInside(shift, "http://".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertThat(fires(rules, process("CommandLine", "bash -c {echo," + encoded + "}|{base64,-d}|bash")))
                    .as("value after %d bytes", shift)
                    .isTrue();
        }
        String other = encodedInside(1, "https://".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(fires(rules, process("CommandLine", "bash -c " + other))).isFalse();
    }

    @Test
    void base64IsCaseSensitiveBecauseBase64Is() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|base64offset|contains: 'http://'
                condition: selection
                """);
        String encoded = encodedInside(0, "http://".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(fires(rules, process("CommandLine", encoded))).isTrue();
        assertThat(fires(rules, process("CommandLine", encoded.toUpperCase(java.util.Locale.ROOT))))
                .isFalse();
    }

    @Test
    void wideBase64offsetFindsAUtf16LeEncodedPowerShellCommand() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|wide|base64offset|contains: 'IEX (New-Object Net.WebClient)'
                condition: selection
                """);
        byte[] value = "IEX (New-Object Net.WebClient)".getBytes(StandardCharsets.UTF_16LE);
        for (int shift = 0; shift < 3; shift++) {
            // PowerShell's -EncodedCommand is base64 of UTF-16LE text
            String encoded = encodedInside(shift, value, StandardCharsets.UTF_16LE);
            assertThat(fires(rules, process("CommandLine", "powershell.exe -enc " + encoded)))
                    .as("value after %d characters", shift)
                    .isTrue();
        }
        String utf8 = encodedInside(
                0, "IEX (New-Object Net.WebClient)".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(fires(rules, process("CommandLine", "powershell.exe -enc " + utf8)))
                .as("the UTF-8 encoding is not the wide one")
                .isFalse();
    }

    @Test
    void utf16leIsWide() {
        assertThat(compiled("CommandLine|utf16le|base64offset|contains", "ping"))
                .isEqualTo(compiled("CommandLine|wide|base64offset|contains", "ping"))
                .contains(B64.encodeToString("ping".getBytes(StandardCharsets.UTF_16LE))
                        .substring(0, 10));
    }

    @Test
    void utf16beEncodesBigEndian() {
        byte[] value = "ping".getBytes(StandardCharsets.UTF_16BE);
        assertThat(value[0]).isZero();
        assertThat(compiled("CommandLine|utf16be|base64|contains", "ping")).containsExactly(B64.encodeToString(value));
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|utf16be|base64offset|contains: 'ping'
                condition: selection
                """);
        for (int shift = 0; shift < 3; shift++) {
            String encoded = encodedInside(shift, value, StandardCharsets.UTF_16BE);
            assertThat(fires(rules, process("CommandLine", encoded)))
                    .as("shift %d", shift)
                    .isTrue();
        }
        String little = encodedInside(0, "ping".getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE);
        assertThat(fires(rules, process("CommandLine", little))).isFalse();
    }

    @Test
    void utf16PutsALittleEndianByteOrderMarkFirst() {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] value = concat(bom, "whoami".getBytes(StandardCharsets.UTF_16LE));
        assertThat(compiled("CommandLine|utf16|base64|contains", "whoami")).containsExactly(B64.encodeToString(value));
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|utf16|base64|contains: 'whoami'
                condition: selection
                """);
        assertThat(fires(rules, process("CommandLine", "x " + B64.encodeToString(value) + " y")))
                .isTrue();
        assertThat(fires(
                        rules,
                        process("CommandLine", B64.encodeToString("whoami".getBytes(StandardCharsets.UTF_16LE)))))
                .as("without the byte order mark")
                .isFalse();
    }

    @Test
    void wideWithoutBase64LooksForTheUtf16Text() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Payload|wide|contains: 'cmd'
                condition: selection
                """);
        assertThat(fires(rules, process("Payload", "..c\u0000m\u0000d\u0000..")))
                .isTrue();
        assertThat(fires(rules, process("Payload", "cmd"))).isFalse();
    }

    @Test
    void wideKeepsTheWildcardsAndTheCaseInsensitivityOfTheValue() {
        SigmaRules rules = processRule(dir, """
                selection:
                    Payload|wide: 'c*D'
                condition: selection
                """);
        assertThat(fires(rules, process("Payload", "C\u0000m\u0000d\u0000"))).isTrue();
        assertThat(fires(rules, process("Payload", "c\u0000m\u0000x\u0000"))).isFalse();
        assertThat(fires(rules, process("Payload", "cmd"))).as("not UTF-16").isFalse();
    }

    @Test
    void windashMatchesEveryDashAndTheSlash() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|windash|contains: ' -encodedcommand '
                condition: selection
                """);
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            assertThat(fires(rules, process("CommandLine", "powershell " + dash + "EncodedCommand SQBFAFgA")))
                    .as("dash %s", dash)
                    .isTrue();
        }
        assertThat(fires(rules, process("CommandLine", "powershell \\EncodedCommand SQBFAFgA")))
                .isFalse();
        assertThat(fires(rules, process("CommandLine", "powershell EncodedCommand SQBFAFgA")))
                .isFalse();
    }

    @Test
    void windashExpandsOnlyDashesThatStartAWord() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|windash|contains: ' -ep-bypass'
                condition: selection
                """);
        assertThat(fires(rules, process("CommandLine", "x /ep-bypass"))).isTrue();
        assertThat(fires(rules, process("CommandLine", "x /ep/bypass")))
                .as("a dash inside a word stays a dash")
                .isFalse();
    }

    @Test
    void windashCombinesTheDashesOfSeveralParameters() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|windash|contains: ' -s -t 0'
                condition: selection
                """);
        assertThat(fires(rules, process("CommandLine", "shutdown /s \u2013t 0")))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", "shutdown -s /t 0"))).isTrue();
    }

    @Test
    void allWithWindashNeedsEachValueInSomeSpellingNotEverySpelling() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|contains|all|windash:
                        - ' -s '
                        - ' -t 0'
                condition: selection
                """);
        assertThat(fires(rules, process("CommandLine", "shutdown /s /t 0"))).isTrue();
        assertThat(fires(rules, process("CommandLine", "shutdown -s \u2014t 0")))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", "shutdown /s /f"))).isFalse();
    }

    @Test
    void allWithBase64offsetNeedsEachValueAtSomeOffset() {
        SigmaRules rules = processRule(dir, """
                selection:
                    CommandLine|base64offset|contains|all:
                        - 'Invoke-'
                        - 'Mimikatz'
                condition: selection
                """);
        String both = B64.encodeToString("x; Invoke-Mimikatz".getBytes(StandardCharsets.UTF_8));
        String one = B64.encodeToString("x; Invoke-Expression".getBytes(StandardCharsets.UTF_8));
        assertThat(fires(rules, process("CommandLine", "powershell -c " + both)))
                .isTrue();
        assertThat(fires(rules, process("CommandLine", "powershell -c " + one))).isFalse();
    }

    @Test
    void windashBeforeBase64offsetEncodesEverySpelling() {
        List<String> texts = compiled("CommandLine|windash|base64offset|contains", "-nop");
        assertThat(texts).hasSize(5 * 3);
        assertThat(B64.encodeToString("/nop".getBytes(StandardCharsets.UTF_8))).isEqualTo("L25vcA==");
        assertThat(texts)
                .contains("L25vc")
                .contains(compiled("CommandLine|base64offset|contains", "\u2013nop")
                        .toArray(String[]::new));
    }

    @Test
    void base64OfAValueWithWildcardsIsRefusedAsPySigmaDoes() {
        assertThat(processRefusal(dir, """
                        selection:
                            CommandLine|base64offset|contains: 'IEX*Net.WebClient'
                        condition: selection
                        """).reason()).contains("wildcard");
    }

    @Test
    void escapedCharactersAreUnescapedBeforeEncoding() {
        // pySigma encodes the value as matched: 'what\?' is the text "what?", 'a\\b' is "a\b"
        assertThat(compiled("CommandLine|base64|contains", "what\\?"))
                .containsExactly(B64.encodeToString("what?".getBytes(StandardCharsets.UTF_8)));
        assertThat(compiled("CommandLine|base64|contains", "a\\\\b"))
                .containsExactly(B64.encodeToString("a\\b".getBytes(StandardCharsets.UTF_8)));
        assertThat(compiled("CommandLine|base64|contains", "C:\\Windows\\"))
                .as("a lone backslash stays")
                .containsExactly(B64.encodeToString("C:\\Windows\\".getBytes(StandardCharsets.UTF_8)));
    }
}
