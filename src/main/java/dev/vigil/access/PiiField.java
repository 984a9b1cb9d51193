package dev.vigil.access;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A kind of personal data Vigil pseudonymises ({@code vigil.pii.fields}), and the prefix that keeps its
 * tokens recognisable in text: {@code USER-7KQ3M2X4ZPBD9R1T}. A token is the prefix, a dash and
 * {@value #TOKEN_CHARS} characters of Crockford base32: 80 bits of a keyed HMAC.
 */
public enum PiiField {
    USER_NAME("USER"),
    EMAIL("EMAIL"),
    HOST_NAME("HOST"),
    INTERNAL_IP("IP");

    /** Characters after the dash: 16 × 5 = 80 bits, so ten million values of a kind collide with p ≈ 4·10⁻¹¹. */
    public static final int TOKEN_CHARS = 16;

    private static final Pattern TOKEN =
            Pattern.compile("(USER|EMAIL|HOST|IP)-[0-9A-HJKMNP-TV-Z]{" + TOKEN_CHARS + "}");

    private final String prefix;

    PiiField(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** Whether the text is a token, exactly (upper case, the right length and alphabet). */
    public static boolean isToken(String text) {
        return TOKEN.matcher(text).matches();
    }

    /** The field a token stands for; empty when the text is no token. */
    public static Optional<PiiField> ofToken(String text) {
        if (!isToken(text)) {
            return Optional.empty();
        }
        String prefix = text.substring(0, text.indexOf('-'));
        return Arrays.stream(values()).filter(f -> f.prefix.equals(prefix)).findFirst();
    }
}
