package dev.vigil.attack.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Aho-Corasick against the obvious check, on texts where literals overlap and nest. */
class SubstringsTest {

    @Test
    void findsExactlyTheLiteralsThatOccur() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<String> literals = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                literals.add(word(random, 1 + random.nextInt(6)));
            }
            Substrings substrings = new Substrings(literals);
            String text = word(random, random.nextInt(200));

            Set<Integer> found = new TreeSet<>();
            substrings.find(text, found::add);

            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < literals.size(); i++) {
                if (text.contains(literals.get(i))) {
                    expected.add(i);
                }
            }
            assertThat(found).as("literals %s in %s", literals, text).isEqualTo(expected);
        }
    }

    @Test
    void foldingScanAgreesWithBruteForceWithAndWithoutTheTransitionTable() {
        Random random = new Random(7);
        for (int size : new int[] {20, 3_000}) {
            List<String> literals = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                literals.add(
                        ascii(random, 1 + random.nextInt(size > 100 ? 12 : 5)).toLowerCase(java.util.Locale.ROOT));
            }
            Substrings substrings = new Substrings(literals);
            for (int round = 0; round < 100; round++) {
                String text = ascii(random, random.nextInt(300));
                Set<Integer> found = new TreeSet<>();
                assertThat(substrings.findFoldingAscii(text, found::add)).isTrue();
                String lower = text.toLowerCase(java.util.Locale.ROOT);
                Set<Integer> expected = new TreeSet<>();
                for (int i = 0; i < literals.size(); i++) {
                    if (lower.contains(literals.get(i))) {
                        expected.add(i);
                    }
                }
                assertThat(found).as("%d literals in %s", size, text).isEqualTo(expected);
            }
        }
    }

    /** ASCII words over a small alphabet in both cases, so that folding matters and literals overlap. */
    private static String ascii(Random random, int length) {
        String alphabet = "abcABC-\\";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void handlesCharactersBeyondAscii() {
        Substrings substrings = new Substrings(List.of("–enc", "\u00e9t\u00e9", "x"));
        Set<Integer> found = new TreeSet<>();

        substrings.find("powershell –enc ZQBj été", found::add);

        assertThat(found).containsExactly(0, 1);
    }

    @Test
    void foldsAsciiCaseWithoutACopyAndGivesUpOnOtherCharacters() {
        Substrings substrings = new Substrings(List.of("sekurlsa::", "-enc"));
        Set<Integer> found = new TreeSet<>();

        assertThat(substrings.findFoldingAscii("MIMIKATZ # SEKURLSA::LogonPasswords -ENC", found::add))
                .isTrue();
        assertThat(found).containsExactly(0, 1);

        Set<Integer> partial = new TreeSet<>();
        assertThat(substrings.findFoldingAscii("-ENC then Ünïcode", partial::add))
                .as("beyond ASCII the caller lower-cases properly")
                .isFalse();
        assertThat(partial).as("what was reported before giving up is true").containsExactly(1);
    }

    /** Words over a three-letter alphabet (plus a non-ASCII letter) so that literals overlap often. */
    private static String word(Random random, int length) {
        String alphabet = "abcé";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
