package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.process;
import static dev.vigil.attack.sigma.SigmaFixture.processRefusal;
import static dev.vigil.attack.sigma.SigmaFixture.processRule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditions over selections {@code a}, {@code b}, {@code c} that test fields {@code A}, {@code B},
 * {@code C} for the value {@code 1}: an event is a set of the letters whose field is 1.
 */
class ConditionsTest {

    private static final String SELECTIONS = """
            a:
                A: 1
            b:
                B: 1
            c:
                C: 1
            """;

    @TempDir
    Path dir;

    private SigmaRules condition(String condition) {
        return processRule(dir, SELECTIONS + "condition: " + condition + "\n");
    }

    /** Whether the rule fires on an event where exactly the named fields are 1. */
    private static boolean on(SigmaRules rules, String letters) {
        List<String> fields = new ArrayList<>();
        for (String letter : List.of("A", "B", "C")) {
            fields.add(letter);
            fields.add(letters.contains(letter.toLowerCase(java.util.Locale.ROOT)) ? "1" : "0");
        }
        return fires(rules, process(fields.toArray(String[]::new)));
    }

    /** The sets of letters (of a, b, c) on which the rule fires, e.g. "ab". */
    private static List<String> truthTable(SigmaRules rules) {
        List<String> firing = new ArrayList<>();
        for (String set : List.of("", "a", "b", "c", "ab", "ac", "bc", "abc")) {
            if (on(rules, set)) {
                firing.add(set);
            }
        }
        return firing;
    }

    @Test
    void andBindsTighterThanOr() {
        // a or (b and c), not (a or b) and c
        assertThat(truthTable(condition("a or b and c"))).containsExactly("a", "ab", "ac", "bc", "abc");
        assertThat(truthTable(condition("b and c or a"))).containsExactly("a", "ab", "ac", "bc", "abc");
    }

    @Test
    void notBindsTighterThanAnd() {
        // (not a) and b, not not (a and b)
        assertThat(truthTable(condition("not a and b"))).containsExactly("b", "bc");
    }

    @Test
    void notBindsTighterThanOr() {
        assertThat(truthTable(condition("not a or b"))).containsExactly("", "b", "c", "ab", "bc", "abc");
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(truthTable(condition("(a or b) and c"))).containsExactly("ac", "bc", "abc");
        assertThat(truthTable(condition("not (a or b)"))).containsExactly("", "c");
        assertThat(truthTable(condition("not (a and (b or c))"))).containsExactly("", "a", "b", "c", "bc");
    }

    @Test
    void oneOfAPatternIsAnOrOfTheMatchingSelections() {
        SigmaRules rules = processRule(dir, """
                selection_a:
                    A: 1
                selection_b:
                    B: 1
                other:
                    C: 1
                condition: 1 of selection_*
                """);
        assertThat(truthTable(rules)).containsExactly("a", "b", "ab", "ac", "bc", "abc");
    }

    @Test
    void anyOfIsOneOf() {
        SigmaRules rules = processRule(dir, """
                selection_a:
                    A: 1
                selection_b:
                    B: 1
                other:
                    C: 1
                condition: any of selection* and other
                """);
        assertThat(truthTable(rules)).containsExactly("ac", "bc", "abc");
    }

    @Test
    void allOfAPatternIsAnAndOfTheMatchingSelections() {
        SigmaRules rules = processRule(dir, """
                selection_a:
                    A: 1
                selection_b:
                    B: 1
                other:
                    C: 1
                condition: all of selection_*
                """);
        assertThat(truthTable(rules)).containsExactly("ab", "abc");
    }

    @Test
    void oneOfThemLeavesOutSelectionsStartingWithAnUnderscore() {
        SigmaRules rules = processRule(dir, """
                a:
                    A: 1
                b:
                    B: 1
                _c:
                    C: 1
                condition: 1 of them
                """);
        assertThat(truthTable(rules)).containsExactly("a", "b", "ab", "ac", "bc", "abc");
    }

    @Test
    void allOfThemLeavesOutSelectionsStartingWithAnUnderscore() {
        SigmaRules rules = processRule(dir, """
                a:
                    A: 1
                b:
                    B: 1
                _c:
                    C: 1
                condition: all of them
                """);
        assertThat(truthTable(rules)).containsExactly("ab", "abc");
    }

    @Test
    void patternsLeaveOutSelectionsStartingWithAnUnderscoreToo() {
        // pySigma leaves them out of every "of": an underscore marks a selection used by name only
        SigmaRules rules = processRule(dir, """
                a:
                    A: 1
                b:
                    B: 1
                _c:
                    C: 1
                condition: all of *
                """);
        assertThat(truthTable(rules)).containsExactly("ab", "abc");
    }

    @Test
    void underscoreSelectionsCanStillBeNamed() {
        SigmaRules rules = processRule(dir, """
                a:
                    A: 1
                _c:
                    C: 1
                condition: a and not _c
                """);
        assertThat(truthTable(rules)).containsExactly("a", "ab");
    }

    @Test
    void notOneOfAFilterPattern() {
        SigmaRules rules = processRule(dir, """
                selection:
                    A: 1
                filter_b:
                    B: 1
                filter_c:
                    C: 1
                condition: selection and not 1 of filter_*
                """);
        assertThat(truthTable(rules)).containsExactly("a");
    }

    @Test
    void aListOfConditionsIsAnOrOfThem() {
        SigmaRules rules = processRule(dir, SELECTIONS + """
                condition:
                    - a and b
                    - c
                """);
        assertThat(truthTable(rules)).containsExactly("c", "ab", "ac", "bc", "abc");
    }

    @Test
    void anUndefinedIdentifierIsRefused() {
        assertThat(processRefusal(dir, SELECTIONS + "condition: a and selection\n")
                        .reason())
                .contains("'selection'")
                .contains("does not define");
    }

    @Test
    void aPatternThatMatchesNoSelectionIsRefused() {
        assertThat(processRefusal(dir, SELECTIONS + "condition: 1 of filter_*\n")
                        .reason())
                .contains("filter_*");
    }

    @Test
    void anAggregationIsRefused() {
        assertThat(processRefusal(dir, SELECTIONS + "condition: a | count() by Computer > 5\n")
                        .reason())
                .contains("aggregation");
    }

    @Test
    void malformedConditionsAreRefused() {
        for (String condition : List.of("a and", "(a or b", "a b", "a or or b", "not", "1 of", "a )")) {
            SigmaRules rules = SigmaFixture.load(
                    dir, SigmaFixture.processCreation("r", SELECTIONS + "condition: '" + condition + "'\n"));
            assertThat(rules.size()).as(condition).isZero();
            assertThat(rules.problems()).as(condition).hasSize(1);
        }
    }

    @Test
    void aDeeplyNestedConditionIsRefusedNotAStackOverflow() {
        String nested = "(".repeat(200) + "a" + ")".repeat(200);
        assertThat(processRefusal(dir, SELECTIONS + "condition: '" + nested + "'\n")
                        .reason())
                .contains("nested deeper");
    }

    @Test
    void aLongChainOfNotsIsRefusedToo() {
        String nots = "not ".repeat(200) + "a";
        assertThat(processRefusal(dir, SELECTIONS + "condition: " + nots + "\n").reason())
                .contains("nested deeper");
    }

    @Test
    void moderateNestingIsFine() {
        String nested = "(".repeat(30) + "a and b" + ")".repeat(30);
        assertThat(truthTable(condition(nested))).containsExactly("ab", "abc");
    }
}
