package dev.vigil.alert;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** SHA-1, SHA-256 and MD5 of a file, each lower-case hex of the right length or absent. */
public record FileHashes(
        @Nullable String sha1,
        @Nullable String sha256,
        @Nullable String md5) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    public static final FileHashes NONE = new FileHashes(null, null, null);

    public FileHashes {
        sha1 = require(sha1, 40, "SHA-1");
        sha256 = require(sha256, 64, "SHA-256");
        md5 = require(md5, 32, "MD5");
    }

    /** For source data: a value that is not a valid hash is dropped rather than failing the alert. */
    public static FileHashes lenient(@Nullable String sha1, @Nullable String sha256, @Nullable String md5) {
        return new FileHashes(validOrNull(sha1, 40), validOrNull(sha256, 64), validOrNull(md5, 32));
    }

    public boolean hasNone() {
        return sha1 == null && sha256 == null && md5 == null;
    }

    private static @Nullable String require(@Nullable String value, int length, String name) {
        if (value == null) {
            return null;
        }
        String hex = validOrNull(value, length);
        if (hex == null) {
            throw new IllegalArgumentException("not a " + name + " hash: " + value);
        }
        return hex;
    }

    private static @Nullable String validOrNull(@Nullable String value, int length) {
        if (value == null) {
            return null;
        }
        String hex = value.trim().toLowerCase(Locale.ROOT);
        return hex.length() == length && HEX.matcher(hex).matches() ? hex : null;
    }
}
