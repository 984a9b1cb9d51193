package dev.vigil.attack.sigma;

import dev.vigil.alert.AddressRanges;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compiles one {@code Field|modifier|...: value(s)} item into a {@link FieldTest}, following the Sigma
 * specification's modifier semantics (pySigma where the specification is silent). Values are turned
 * into strings as YAML wrote them; numbers compare as text ({@code EventID: 4688}) except under the
 * numeric modifiers.
 */
final class FieldTestCompiler {

    /** Values one item may list, and patterns one rule may hold after expansion: bounds on rule size. */
    static final int MAX_VALUES_PER_FIELD = 10_000;

    static final int MAX_VALUE_LENGTH = 65_536;

    private static final Set<String> KNOWN = Set.of(
            "contains",
            "startswith",
            "endswith",
            "all",
            "re",
            "i",
            "m",
            "s",
            "cidr",
            "base64",
            "base64offset",
            "windash",
            "wide",
            "utf16le",
            "utf16be",
            "utf16",
            "exists",
            "gt",
            "gte",
            "lt",
            "lte",
            "fieldref",
            "cased",
            "expand");

    private static final Set<String> REGEX_FLAGS = Set.of("i", "m", "s");

    /** What may accompany {@code re}: its flags, and positions (no-ops for an unanchored search). */
    private static final Set<String> WITH_REGEX =
            Set.of("re", "i", "m", "s", "contains", "startswith", "endswith", "all");

    private static final java.util.Map<String, String> KINDS =
            java.util.Map.of("re", "regular expression", "cidr", "CIDR range", "exists", "exists test");

    private static final Pattern DASH = Pattern.compile("\\B[-/]\\b");

    /** What {@code windash} puts in place of a leading dash: hyphen, slash, en dash, em dash, horizontal bar. */
    private static final String[] DASHES = {"-", "/", "\u2013", "\u2014", "\u2015"};

    private final UnaryOperator<String> fieldNames;
    private int patternBudget;

    /**
     * @param fieldNames maps a rule's field name to the event's (identity, or a log source's mapping)
     * @param patternBudget patterns the whole rule may compile to
     */
    FieldTestCompiler(UnaryOperator<String> fieldNames, int patternBudget) {
        this.fieldNames = fieldNames;
        this.patternBudget = patternBudget;
    }

    FieldTest compile(String key, @Nullable Object value) {
        String[] parts = key.split("\\|", -1);
        String field = parts[0];
        List<String> modifiers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String m = parts[i];
            if (!KNOWN.contains(m)) {
                throw new RuleRefused("unknown modifier '" + m + "' in '" + key + "'");
            }
            if (m.equals("expand")) {
                throw new RuleRefused(
                        "modifier 'expand' needs placeholder values (%...%) that Vigil does not define, in '" + key
                                + "'");
            }
            modifiers.add(m);
        }
        combinable(modifiers, key);
        List<@Nullable Object> values = values(key, value);
        if (field.isEmpty()) {
            return keywords(values, modifiers, key);
        }
        String mapped = fieldNames.apply(field);
        if (modifiers.contains("exists")) {
            return exists(mapped, values, key);
        }
        List<FieldTest> tests = new ArrayList<>();
        List<Object> present = new ArrayList<>();
        for (Object v : values) {
            if (v == null) {
                tests.add(new NullTest(mapped));
            } else {
                present.add(v);
            }
        }
        if (!present.isEmpty()) {
            tests.add(valued(mapped, present, modifiers, key));
        }
        return tests.size() == 1 ? tests.get(0) : new AnyOfTests(tests);
    }

    /**
     * Refuses modifiers that cannot apply to what the value has become, as pySigma's type checks do: the
     * regex flags need {@code re}; {@code re} takes the value as written and then only takes flags and
     * positions; a CIDR range, an exists test and a comparison take no text modifiers. Ignoring them would
     * silently run a rule other than the one written.
     */
    private static void combinable(List<String> modifiers, String key) {
        String kind = null;
        for (String k : List.of("re", "cidr", "exists", "gt", "gte", "lt", "lte")) {
            if (modifiers.contains(k)) {
                kind = k;
                break;
            }
        }
        for (String m : modifiers) {
            boolean fits;
            if (kind == null) {
                fits = !REGEX_FLAGS.contains(m);
            } else if (kind.equals("re")) {
                fits = WITH_REGEX.contains(m);
            } else {
                fits = m.equals(kind) || m.equals("all");
            }
            if (!fits) {
                throw new RuleRefused(
                        kind == null
                                ? "modifier '" + m + "' applies only to a regular expression ('re'), in '" + key + "'"
                                : "modifier '" + m + "' cannot apply to a " + KINDS.getOrDefault(kind, "comparison")
                                        + ", in '" + key + "'");
            }
        }
        if ("re".equals(kind)) {
            for (String m : modifiers.subList(0, modifiers.indexOf("re"))) {
                if (!m.equals("all")) {
                    throw new RuleRefused(
                            "'re' takes the value as written, so '" + m + "' cannot come before it, in '" + key + "'");
                }
            }
        }
    }

    private static List<@Nullable Object> values(String key, @Nullable Object value) {
        List<@Nullable Object> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new RuleRefused("empty value list for '" + key + "'");
            }
            if (list.size() > MAX_VALUES_PER_FIELD) {
                throw new RuleRefused(list.size() + " values for '" + key + "'; at most " + MAX_VALUES_PER_FIELD);
            }
            for (Object v : list) {
                values.add(scalar(key, v));
            }
        } else {
            values.add(scalar(key, value));
        }
        return values;
    }

    private static @Nullable Object scalar(String key, @Nullable Object v) {
        if (v instanceof java.util.Map<?, ?> || v instanceof List<?>) {
            throw new RuleRefused("'" + key + "' has a nested structure where a value belongs");
        }
        if (v instanceof String s && s.length() > MAX_VALUE_LENGTH) {
            throw new RuleRefused("a value of '" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return v;
    }

    private FieldTest exists(String field, List<@Nullable Object> values, String key) {
        if (values.size() != 1 || !(values.get(0) instanceof Boolean b)) {
            throw new RuleRefused("'" + key + "' needs true or false");
        }
        return new ExistsTest(field, b);
    }

    private FieldTest valued(String field, List<Object> values, List<String> modifiers, String key) {
        boolean all = modifiers.contains("all");
        for (String op : List.of("gt", "gte", "lt", "lte")) {
            if (modifiers.contains(op)) {
                List<FieldTest> tests = new ArrayList<>();
                for (Object v : values) {
                    BigDecimal bound = NumberTest.number(String.valueOf(v));
                    if (bound == null) {
                        throw new RuleRefused("'" + key + "' needs a number, not '" + v + "'");
                    }
                    tests.add(new NumberTest(field, op, bound));
                }
                return tests.size() == 1 ? tests.get(0) : new AnyOfTests(tests);
            }
        }
        if (modifiers.contains("cidr")) {
            List<String> ranges = values.stream().map(String::valueOf).toList();
            try {
                return new CidrTest(field, new AddressRanges(ranges), ranges);
            } catch (IllegalArgumentException e) {
                throw new RuleRefused("'" + key + "': " + e.getMessage());
            }
        }
        if (modifiers.contains("re")) {
            spend(values.size(), key);
            List<BoundedRegex> patterns = new ArrayList<>();
            for (Object v : values) {
                patterns.add(BoundedRegex.compile(
                        String.valueOf(v), modifiers.contains("i"), modifiers.contains("m"), modifiers.contains("s")));
            }
            return new RegexTest(
                    field, patterns, values.stream().map(String::valueOf).toList(), all);
        }
        StringPattern.Position position = position(modifiers, key);
        boolean cased = modifiers.contains("cased");
        if (modifiers.contains("fieldref")) {
            return new FieldRefTest(
                    field,
                    values.stream()
                            .map(v -> fieldNames.apply(String.valueOf(v)))
                            .toList(),
                    position,
                    cased);
        }
        return new StringTest(
                field, patterns(values, modifiers, position, cased, key), all, String.join("|", modifiers));
    }

    private FieldTest keywords(List<@Nullable Object> values, List<String> modifiers, String key) {
        for (String m : modifiers) {
            if (!Set.of(
                            "all",
                            "contains",
                            "cased",
                            "windash",
                            "base64",
                            "base64offset",
                            "wide",
                            "utf16le",
                            "utf16be",
                            "utf16")
                    .contains(m)) {
                throw new RuleRefused("modifier '" + m + "' cannot apply to keywords in '" + key + "'");
            }
        }
        List<Object> present = new ArrayList<>();
        for (Object v : values) {
            if (v == null) {
                throw new RuleRefused("a keyword cannot be null");
            }
            present.add(v);
        }
        return new KeywordTest(
                patterns(present, modifiers, StringPattern.Position.CONTAINS, modifiers.contains("cased"), key),
                modifiers.contains("all"));
    }

    private static StringPattern.Position position(List<String> modifiers, String key) {
        int n = 0;
        StringPattern.Position position = StringPattern.Position.EXACT;
        if (modifiers.contains("contains")) {
            position = StringPattern.Position.CONTAINS;
            n++;
        }
        if (modifiers.contains("startswith")) {
            position = StringPattern.Position.PREFIX;
            n++;
        }
        if (modifiers.contains("endswith")) {
            position = StringPattern.Position.SUFFIX;
            n++;
        }
        if (n > 1) {
            throw new RuleRefused("'" + key + "' combines contains, startswith and endswith");
        }
        return position;
    }

    /** The patterns of each value: one, or its spellings under windash and base64offset. */
    private List<List<StringPattern>> patterns(
            List<Object> values, List<String> modifiers, StringPattern.Position position, boolean cased, String key) {
        List<List<StringPattern>> patterns = new ArrayList<>();
        for (Object value : values) {
            List<String> texts = List.of(String.valueOf(value));
            boolean encoded = false;
            java.nio.charset.Charset charset = StandardCharsets.UTF_8;
            byte[] prefix = new byte[0];
            for (String m : modifiers) {
                switch (m) {
                    case "windash" ->
                        texts = texts.stream().flatMap(t -> windash(t).stream()).toList();
                    case "wide", "utf16le" -> charset = StandardCharsets.UTF_16LE;
                    case "utf16be" -> charset = StandardCharsets.UTF_16BE;
                    case "utf16" -> {
                        charset = StandardCharsets.UTF_16LE;
                        prefix = new byte[] {(byte) 0xFF, (byte) 0xFE};
                    }
                    case "base64" -> {
                        texts = encode(plain(texts, key), charset, prefix, false);
                        encoded = true;
                    }
                    case "base64offset" -> {
                        texts = encode(plain(texts, key), charset, prefix, true);
                        encoded = true;
                    }
                    default -> {}
                }
            }
            if (!encoded && charset != StandardCharsets.UTF_8) {
                // UTF-16 text without base64 keeps its wildcards, as in pySigma; the byte order mark of
                // utf16 is then the character U+FEFF, as the decoded text carries it
                java.nio.charset.Charset cs = charset;
                String bom = prefix.length > 0 ? "\uFEFF" : "";
                texts = texts.stream()
                        .map(t -> bom
                                + StringPattern.mapLiterals(
                                        t, run -> new String(run.getBytes(cs), StandardCharsets.ISO_8859_1)))
                        .toList();
            }
            spend(texts.size(), key);
            List<StringPattern> spellings = new ArrayList<>(texts.size());
            for (String text : texts) {
                spellings.add(
                        encoded
                                ? StringPattern.literal(text, position, true)
                                : StringPattern.sigma(text, position, cased));
            }
            patterns.add(spellings);
        }
        return patterns;
    }

    /**
     * The texts the values stand for, escapes resolved: base64 encodes text, and a wildcard cannot be
     * encoded (pySigma refuses it too).
     */
    private static List<String> plain(List<String> values, String key) {
        List<String> texts = new ArrayList<>(values.size());
        for (String value : values) {
            String text = StringPattern.plain(value);
            if (text == null) {
                throw new RuleRefused(
                        "'" + key + "': base64 of a value with a wildcard (* or ?) cannot be matched, in '" + value
                                + "'; escape it as \\* or \\? if it is literal");
            }
            texts.add(text);
        }
        return texts;
    }

    private void spend(int patterns, String key) {
        patternBudget -= patterns;
        if (patternBudget < 0) {
            throw new RuleRefused("the rule compiles to too many values (at '" + key + "'); at most "
                    + RuleCompiler.MAX_PATTERNS_PER_RULE);
        }
    }

    /** Every spelling of the value with each Windows-style leading dash or slash in each dash form. */
    static List<String> windash(String value) {
        Matcher m = DASH.matcher(value);
        List<Integer> at = new ArrayList<>();
        while (m.find()) {
            at.add(m.start());
        }
        if (at.isEmpty()) {
            return List.of(value);
        }
        List<String> variants = new ArrayList<>();
        if (at.size() > 4) {
            // 5^n spellings would explode; the same dash everywhere covers what command lines really do
            for (String d : DASHES) {
                StringBuilder b = new StringBuilder(value);
                for (int i = at.size() - 1; i >= 0; i--) {
                    b.replace(at.get(i), at.get(i) + 1, d);
                }
                variants.add(b.toString());
            }
            return variants;
        }
        variants.add(value);
        for (int k = at.size() - 1; k >= 0; k--) {
            int position = at.get(k);
            List<String> next = new ArrayList<>();
            for (String v : variants) {
                for (String d : DASHES) {
                    next.add(v.substring(0, position) + d + v.substring(position + 1));
                }
            }
            variants = next;
        }
        return variants;
    }

    private static List<String> encode(
            List<String> texts, java.nio.charset.Charset charset, byte[] prefix, boolean offsets) {
        List<String> out = new ArrayList<>();
        Base64.Encoder encoder = Base64.getEncoder();
        for (String text : texts) {
            byte[] value = concat(prefix, text.getBytes(charset));
            if (!offsets) {
                out.add(encoder.encodeToString(value));
                continue;
            }
            // The three alignments a value can have inside a longer base64 text (as pySigma computes them).
            int[] start = {0, 2, 3};
            int[] endTrim = {0, 3, 2};
            for (int i = 0; i < 3; i++) {
                byte[] shifted = new byte[i + value.length];
                java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
                System.arraycopy(value, 0, shifted, i, value.length);
                String encoded = encoder.encodeToString(shifted);
                int trim = endTrim[(value.length + i) % 3];
                out.add(encoded.substring(start[i], encoded.length() - trim));
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
