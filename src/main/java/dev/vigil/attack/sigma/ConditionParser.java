package dev.vigil.attack.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a Sigma condition over named selections: {@code and}, {@code or}, {@code not}, parentheses,
 * {@code 1 of x*}, {@code any of x*}, {@code all of x*}, {@code 1 of them}, {@code all of them} (each
 * leaves out selections whose names start with an underscore). Precedence, tightest first:
 * not, and, or. Aggregations ({@code | count() ...}) are refused: they belong in correlation rules.
 */
final class ConditionParser {

    private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|[^\\s()]+)");

    /** Deepest nesting of parentheses and nots accepted, so no condition can exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    private final Map<String, Selection> selections;
    private final List<String> tokens = new ArrayList<>();
    private int at;
    private int depth;

    private ConditionParser(String condition, Map<String, Selection> selections) {
        this.selections = selections;
        if (condition.contains("|")) {
            throw new RuleRefused(
                    "aggregation in the condition ('" + condition + "') is not supported; use a correlation rule");
        }
        Matcher m = TOKEN.matcher(condition);
        int end = 0;
        while (m.lookingAt()) {
            tokens.add(m.group(1));
            end = m.end();
            m.region(end, condition.length());
        }
        if (!condition.substring(end).isBlank()) {
            throw new RuleRefused("cannot read condition '" + condition + "'");
        }
    }

    static Condition parse(String condition, Map<String, Selection> selections) {
        ConditionParser parser = new ConditionParser(condition, selections);
        if (parser.tokens.isEmpty()) {
            throw new RuleRefused("empty condition");
        }
        Condition result = parser.or();
        if (parser.at < parser.tokens.size()) {
            throw new RuleRefused("unexpected '" + parser.tokens.get(parser.at) + "' in condition '" + condition + "'");
        }
        return result;
    }

    private Condition or() {
        List<Condition> terms = new ArrayList<>(List.of(and()));
        while (accept("or")) {
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new Condition.Or(terms);
    }

    private Condition and() {
        List<Condition> terms = new ArrayList<>(List.of(not()));
        while (accept("and")) {
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : new Condition.And(terms);
    }

    private Condition not() {
        if (accept("not")) {
            enter();
            Condition term = not();
            depth--;
            return new Condition.Not(term);
        }
        return primary();
    }

    private Condition primary() {
        String token = next();
        if (token.equals("(")) {
            enter();
            Condition inner = or();
            depth--;
            if (!accept(")")) {
                throw new RuleRefused("missing ')' in condition");
            }
            return inner;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("1") || lower.equals("any") || lower.equals("all")) {
            if (!accept("of")) {
                throw new RuleRefused("expected 'of' after '" + token + "' in condition");
            }
            List<Condition> matched = quantified(next());
            return lower.equals("all") ? new Condition.And(matched) : new Condition.Or(matched);
        }
        Selection selection = selections.get(token);
        if (selection == null) {
            throw new RuleRefused("condition names '" + token + "', which the detection does not define");
        }
        return new Condition.Ref(selection);
    }

    private List<Condition> quantified(String pattern) {
        List<Condition> matched = new ArrayList<>();
        boolean them = pattern.equals("them");
        StringPattern glob = StringPattern.sigma(pattern, StringPattern.Position.EXACT, true);
        for (Selection selection : selections.values()) {
            // as in pySigma, names starting with an underscore are left out of every "of", not only "them"
            String name = selection.name();
            if (!name.startsWith("_") && (them || glob.matches(name))) {
                matched.add(new Condition.Ref(selection));
            }
        }
        if (matched.isEmpty()) {
            throw new RuleRefused("'of " + pattern + "' matches no selection");
        }
        return matched;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new RuleRefused("condition nested deeper than " + MAX_DEPTH);
        }
    }

    private boolean accept(String keyword) {
        if (at < tokens.size() && tokens.get(at).equalsIgnoreCase(keyword)) {
            at++;
            return true;
        }
        return false;
    }

    private String next() {
        if (at >= tokens.size()) {
            throw new RuleRefused("condition ends too early");
        }
        return tokens.get(at++);
    }
}
