package dev.vigil.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Compares secrets (keys, signatures, tokens) in time that does not depend on where they first differ, so a
 * caller cannot learn a secret byte by byte from response times. API keys never reach this: they are looked
 * up by their SHA-256 hash in PostgreSQL, so no key is compared in Java at all.
 */
public final class Secrets {

    private Secrets() {}

    /** True when both hold the same bytes; {@code null} equals nothing, not even {@code null}. */
    public static boolean constantTimeEquals(byte @Nullable [] expected, byte @Nullable [] presented) {
        if (expected == null || presented == null) {
            return false;
        }
        // MessageDigest.isEqual looks at every byte of both (since JDK 6u17); only the length may leak.
        return MessageDigest.isEqual(expected, presented);
    }

    /** The strings' UTF-8 bytes compared with {@link #constantTimeEquals(byte[], byte[])}. */
    public static boolean constantTimeEquals(@Nullable String expected, @Nullable String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return constantTimeEquals(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
