package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.load;
import static dev.vigil.attack.sigma.SigmaFixture.process;
import static dev.vigil.attack.sigma.SigmaFixture.processCreation;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-route index must only ever skip rules that cannot match: whatever it files a rule under, the
 * rule fires exactly when trying every rule would fire it.
 */
class RuleIndexTest {

    private static final String SYSMON_1 = Route.windowsBucket(SigmaFixture.SYSMON, "1");

    @TempDir
    Path dir;

    @Test
    void aRuleIndexedByFileNameMatchesWhateverTheCaseOfTheEvent() {
        SigmaRules rules = processRule(dir, "s:\n    Image|endswith: '\\\\x.exe'\ncondition: s\n");
        assertThat(rules.buckets().get(SYSMON_1)).isEqualTo("1 rules, 1 indexed");
        assertThat(fires(rules, process("Image", "C:\\TEMP\\X.EXE"))).isTrue();
        assertThat(fires(rules, process("Image", "c:\\temp\\x.Exe"))).isTrue();
        assertThat(fires(rules, process("Image", "C:\\TEMP\\X.EXE.bak"))).isFalse();
        assertThat(fires(rules, process("Image", "C:\\TEMP\\yx.exe"))).isFalse();
    }

    @Test
    void aCasedRuleIsIndexedCaseInsensitivelyAndTestedCaseSensitively() {
        SigmaRules rules = processRule(dir, "s:\n    Image|endswith|cased: '\\\\X.exe'\ncondition: s\n");
        assertThat(rules.buckets().get(SYSMON_1)).isEqualTo("1 rules, 1 indexed");
        assertThat(fires(rules, process("Image", "C:\\temp\\X.exe"))).isTrue();
        assertThat(fires(rules, process("Image", "C:\\temp\\x.exe"))).isFalse();
    }

    @Test
    void aRuleIndexedByExactValueMatchesWhateverTheCaseOfTheEvent() {
        SigmaRules rules = processRule(dir, "s:\n    OriginalFileName: 'PowerShell.EXE'\ncondition: s\n");
        assertThat(rules.buckets().get(SYSMON_1)).isEqualTo("1 rules, 1 indexed");
        assertThat(fires(rules, process("OriginalFileName", "powershell.exe"))).isTrue();
    }

    @Test
    void anAllOfExpandedValuesIsIndexedByEverySpellingOfOneValue() {
        SigmaRules rules = processRule(dir, """
                s:
                    Parameter|all|windash:
                        - '-x'
                        - '?x'
                condition: s
                """);
        assertThat(fires(rules, process("Parameter", "/x"))).isTrue();
        assertThat(fires(rules, process("Parameter", "-x"))).isTrue();
        assertThat(fires(rules, process("Parameter", "-y"))).isFalse();
    }

    @Test
    void aRuleThatIsOnlyNotStillFires() {
        SigmaRules rules = processRule(dir, """
                filter:
                    Image|endswith: '\\\\explorer.exe'
                condition: not filter
                """);
        assertThat(rules.buckets().get(SYSMON_1)).isEqualTo("1 rules, 0 indexed");
        assertThat(fires(rules, process("Image", "C:\\Windows\\notepad.exe"))).isTrue();
        assertThat(fires(rules, process("Image", "C:\\Windows\\Explorer.EXE"))).isFalse();
    }

    @Test
    void aRuleWithAnUnindexableAlternativeIsTriedOnEveryEvent() {
        SigmaRules rules = processRule(dir, """
                a:
                    Image|endswith: '\\\\x.exe'
                b:
                    CommandLine|re: 'who?ami'
                condition: a or b
                """);
        assertThat(rules.buckets().get(SYSMON_1)).isEqualTo("1 rules, 0 indexed");
        assertThat(fires(rules, process("Image", "C:\\y.exe", "CommandLine", "whoami /all")))
                .isTrue();
    }

    @Test
    void anAndIsIndexedByOneOfItsTermsAndStillNeedsAll() {
        SigmaRules rules = processRule(dir, """
                a:
                    Image|endswith: '\\\\x.exe'
                b:
                    CommandLine|contains: 'whoami'
                condition: b and a
                """);
        assertThat(rules.buckets().get(SYSMON_1)).isEqualTo("1 rules, 1 indexed");
        assertThat(fires(rules, process("Image", "C:\\X.exe", "CommandLine", "whoami")))
                .isTrue();
        assertThat(fires(rules, process("Image", "C:\\X.exe", "CommandLine", "hostname")))
                .isFalse();
    }

    @Test
    void indexedAndNaiveEvaluationAgreeOnGeneratedRulesAndEvents() {
        Random random = new Random(20_240_601L);
        Generator generate = new Generator(random);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            texts.add(processCreation("g" + i, generate.detection()));
        }
        SigmaRules rules = load(dir, texts.toArray(String[]::new));
        assertThat(rules.problems()).isEmpty();
        String described = rules.buckets().get(SYSMON_1);
        int indexed = Integer.parseInt(described.replaceAll(".*, (\\d+) indexed", "$1"));
        assertThat(indexed).as("the index is exercised: " + described).isGreaterThan(100);
        int matched = 0;
        java.util.Set<String> fired = new java.util.HashSet<>();
        for (int i = 0; i < 3_000; i++) {
            SigmaEvent event = process(generate.event());
            List<String> viaIndex = ids(rules.matches(event, true));
            List<String> everyRule = ids(rules.matches(event, false));
            assertThat(viaIndex).as("event %s", event.view().fields()).isEqualTo(everyRule);
            matched += everyRule.size();
            fired.addAll(everyRule);
        }
        assertThat(matched)
                .as("matches to compare, and not every rule on every event")
                .isBetween(10_000, 450_000);
        assertThat(fired).as("rules that fired at least once").hasSizeGreaterThan(150);
    }

    private static List<String> ids(List<CompiledRule> rules) {
        return rules.stream().map(r -> r.rule().id()).sorted().toList();
    }

    /** Rules and events over one small vocabulary, so that they often meet. */
    private static final class Generator {
        private static final String[] NAMES = {
            "cmd.exe", "powershell.exe", "rundll32.exe", "certutil.exe", "x.exe", "-x.exe"
        };
        private static final String[] DIRS = {"C:\\Windows\\System32\\", "C:\\Users\\bob\\AppData\\", "D:\\T\\"};
        private static final String[] WORDS = {"-enc", "/c whoami", "urlcache", "http://", "-nop", "/nop"};
        private static final String[] USERS = {"SYSTEM", "bob", "Alice"};

        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }

        /** Scrambles the case, as events from different sources do. */
        private String anyCase(String value) {
            StringBuilder b = new StringBuilder(value.length());
            for (char c : value.toCharArray()) {
                b.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return b.toString();
        }

        /** Lower, upper or scrambled case: events and cased rules meet often enough. */
        private String someCase(String value) {
            return switch (random.nextInt(3)) {
                case 0 -> value;
                case 1 -> value.toUpperCase(Locale.ROOT);
                default -> anyCase(value);
            };
        }

        /** A YAML single-quoted scalar: backslashes need no escaping there, quotes are doubled. */
        private static String q(String value) {
            return "'" + value.replace("'", "''") + "'";
        }

        private String item() {
            String name = pick(NAMES);
            return switch (random.nextInt(20)) {
                case 0 -> "Image: " + q(pick(DIRS) + anyCase(name));
                case 1 -> "Image|endswith: " + q("\\" + anyCase(name));
                case 2 -> "Image|endswith|cased: " + q("\\" + someCase(name));
                case 3 -> "Image|startswith: " + q(anyCase(pick(DIRS)));
                case 4 -> "CommandLine|contains: " + q(pick(WORDS));
                case 5 -> "CommandLine|contains|all: [" + q(pick(WORDS)) + ", " + q(pick(WORDS)) + "]";
                case 6 -> "Image: " + q("*\\" + name);
                case 7 -> "Image: " + q(pick(DIRS).replace("\\", "\\\\") + "*");
                case 8 -> "User: " + q(pick(USERS));
                case 9 -> "OriginalFileName: null";
                case 10 -> "OriginalFileName|exists: " + random.nextBoolean();
                case 11 -> "CommandLine|re: '-e(nc)?\\b'";
                case 12 -> "Image|endswith: [" + q("\\" + name) + ", " + q("\\" + pick(NAMES)) + "]";
                case 13 -> "ParentImage|endswith: " + q("\\" + name);
                case 14 -> "Image: 'C:\\Windows\\System32\\\\?md.exe'";
                case 15 -> "CommandLine|windash|contains: ' -nop'";
                case 16 -> "OriginalFileName: [null, " + q(anyCase(name)) + "]";
                case 17 -> "CommandLine|contains|all|windash: [' -nop', '" + pick(WORDS) + "']";
                case 18 -> "OriginalFileName|all|windash: ['-" + name + "', '*']";
                default -> "EventID: 1";
            };
        }

        /** One map of one to three items on distinct fields, each line after the first indented by {@code indent}. */
        private String map(String first, String indent) {
            StringBuilder s = new StringBuilder();
            List<String> fields = new ArrayList<>();
            int items = 1 + random.nextInt(3);
            for (int i = 0; i < items; i++) {
                String item = item();
                String key = item.substring(0, item.indexOf(':'));
                if (!fields.contains(key)) {
                    s.append(fields.isEmpty() ? first : indent).append(item).append('\n');
                    fields.add(key);
                }
            }
            return s.toString();
        }

        private String selection(String name) {
            if (random.nextInt(4) == 0) {
                return name + ":\n" + map("    - ", "      ") + map("    - ", "      ");
            }
            return name + ":\n" + map("    ", "    ");
        }

        String detection() {
            String[] conditions = {
                "s0",
                "s0 and s1",
                "s0 or s1",
                "s0 and not s1",
                "not s0",
                "1 of s*",
                "all of them",
                "(s0 or s1) and not s2",
                "s0 or not s1",
                "s0 and s1 and s2",
                "1 of them and not s2"
            };
            return selection("s0") + selection("s1") + selection("s2") + "condition: " + pick(conditions) + "\n";
        }

        String[] event() {
            List<String> fields = new ArrayList<>();
            if (random.nextInt(10) > 0) {
                fields.add("Image");
                fields.add(someCase(pick(DIRS) + pick(NAMES)));
            }
            if (random.nextBoolean()) {
                fields.add("ParentImage");
                fields.add(anyCase(pick(DIRS) + pick(NAMES)));
            }
            fields.add("CommandLine");
            fields.add(pick(NAMES) + " " + pick(WORDS) + " " + pick(WORDS));
            fields.add("User");
            fields.add(anyCase(pick(USERS)));
            int original = random.nextInt(3);
            if (original > 0) {
                fields.add("OriginalFileName");
                fields.add(original == 1 ? "" : anyCase((random.nextBoolean() ? "/" : "") + pick(NAMES)));
            }
            return fields.toArray(String[]::new);
        }
    }
}
