package dev.vigil.access.user;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What a login name, an e-mail address and a password must look like; messages are safe to return. */
final class LoginRules {

    private static final Pattern NAME = Pattern.compile("[a-z0-9._@-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    static final int MIN_PASSWORD = 12;
    /** bcrypt reads no further; Spring Security refuses longer input rather than ignore the rest. */
    static final int MAX_PASSWORD_BYTES = 72;

    private LoginRules() {}

    /** Login names are lower case: "Alice" and "alice" are one user. */
    static String name(String name) {
        String normalised = name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(normalised).matches()) {
            throw new IllegalArgumentException("a login name has 1-64 characters of a-z, 0-9, '.', '_', '@' and '-'");
        }
        return normalised;
    }

    static @Nullable String email(@Nullable String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String trimmed = email.strip();
        if (!EMAIL.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    "an e-mail address looks like name@example.org (at most 254 characters)");
        }
        return trimmed;
    }

    static void password(String name, String password) {
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a password has at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
        }
        if (password.strip().equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("a password must not be the login name");
        }
    }
}
