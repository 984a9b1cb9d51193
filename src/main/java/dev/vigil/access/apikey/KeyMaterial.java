package dev.vigil.access.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Generates keys and hashes them. Keys carry 256 random bits, so a plain SHA-256 is a safe at-rest form. */
final class KeyMaterial {

    static final String PREFIX = "vgl_";
    /** How much of a key is kept in clear to tell keys apart in listings. */
    static final int SHOWN = PREFIX.length() + 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyMaterial() {}

    static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static boolean looksLikeKey(String presented) {
        return presented.startsWith(PREFIX) && presented.length() == PREFIX.length() + 43;
    }
}
