package dev.vigil.attack.sigma;

import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;

/**
 * A Sigma {@code re} value that cannot stall a worker. Most compile to RE2/J, whose matching time is linear
 * in the input. The few that need backtracking features (look-around, back-references) run on
 * {@code java.util.regex} over a text that counts every character the engine reads and gives up after
 * {@link #STEP_BUDGET} reads: a catastrophic pattern then simply does not match, and says so in the log.
 */
abstract sealed class BoundedRegex {

    /** Character reads one backtracking match may make: far above any sane pattern on a 1 MB value. */
    static final long STEP_BUDGET = 2_000_000;

    /** Longest pattern accepted; longer ones are refused as unreviewable. */
    static final int MAX_PATTERN_LENGTH = 4_096;

    abstract boolean find(String value);

    abstract boolean linear();

    static BoundedRegex compile(String pattern, boolean ignoreCase, boolean multiline, boolean dotAll) {
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new RuleRefused("regular expression longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        try {
            int flags = (ignoreCase ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0)
                    | (multiline ? com.google.re2j.Pattern.MULTILINE : 0)
                    | (dotAll ? com.google.re2j.Pattern.DOTALL : 0);
            return new Linear(com.google.re2j.Pattern.compile(pattern, flags));
        } catch (com.google.re2j.PatternSyntaxException linearFailed) {
            try {
                int flags = (ignoreCase
                                ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE
                                : 0)
                        | (multiline ? java.util.regex.Pattern.MULTILINE : 0)
                        | (dotAll ? java.util.regex.Pattern.DOTALL : 0);
                return new Budgeted(java.util.regex.Pattern.compile(pattern, flags));
            } catch (PatternSyntaxException e) {
                throw new RuleRefused("invalid regular expression: " + e.getDescription() + " in " + pattern);
            }
        }
    }

    static final class Linear extends BoundedRegex {
        private final com.google.re2j.Pattern pattern;

        Linear(com.google.re2j.Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        boolean find(String value) {
            return pattern.matcher(value).find();
        }

        @Override
        boolean linear() {
            return true;
        }
    }

    static final class Budgeted extends BoundedRegex {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BoundedRegex.class);
        private final java.util.regex.Pattern pattern;

        Budgeted(java.util.regex.Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        boolean find(String value) {
            Matcher matcher = pattern.matcher(new CountingText(value, STEP_BUDGET));
            try {
                return matcher.find();
            } catch (BudgetExhausted e) {
                LOG.warn(
                        "regular expression /{}/ gave up after {} steps on a {}-character value",
                        pattern,
                        STEP_BUDGET,
                        value.length());
                return false;
            }
        }

        @Override
        boolean linear() {
            return false;
        }
    }

    private static final class BudgetExhausted extends RuntimeException {
        BudgetExhausted() {
            super(null, null, false, false);
        }
    }

    /** A text that throws once it has been read more than a budget of times. */
    private static final class CountingText implements CharSequence {
        private final String text;
        private final long[] left;

        CountingText(String text, long budget) {
            this(text, new long[] {budget});
        }

        private CountingText(String text, long[] left) {
            this.text = text;
            this.left = left;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new BudgetExhausted();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountingText(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
