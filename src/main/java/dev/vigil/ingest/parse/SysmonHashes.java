package dev.vigil.ingest.parse;

import dev.vigil.alert.FileHashes;
import org.jspecify.annotations.Nullable;

/** Sysmon's {@code Hashes} value ({@code SHA1=..,MD5=..,SHA256=..,IMPHASH=..}); a bare hash is read by its length. */
final class SysmonHashes {

    private SysmonHashes() {}

    static FileHashes parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return FileHashes.NONE;
        }
        String sha1 = null;
        String sha256 = null;
        String md5 = null;
        int from = 0;
        while (from <= value.length()) {
            int comma = value.indexOf(',', from);
            int end = comma < 0 ? value.length() : comma;
            String part = value.substring(from, end).trim();
            int equals = part.indexOf('=');
            String algorithm =
                    equals < 0 ? byLength(part) : part.substring(0, equals).trim();
            String hash = equals < 0 ? part : part.substring(equals + 1).trim();
            switch (algorithm.toUpperCase(java.util.Locale.ROOT)) {
                case "SHA1" -> sha1 = hash;
                case "SHA256" -> sha256 = hash;
                case "MD5" -> md5 = hash;
                default -> {
                    // IMPHASH and other digests have no place in the canonical model; raw keeps them.
                }
            }
            if (comma < 0) {
                break;
            }
            from = comma + 1;
        }
        return FileHashes.lenient(sha1, sha256, md5);
    }

    private static String byLength(String hash) {
        return switch (hash.length()) {
            case 32 -> "MD5";
            case 40 -> "SHA1";
            case 64 -> "SHA256";
            default -> "";
        };
    }
}
