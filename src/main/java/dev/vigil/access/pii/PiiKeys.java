package dev.vigil.access.pii;

import dev.vigil.access.PiiField;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two keys derived from the one PII master key with HKDF-SHA256 (RFC 5869) under distinct labels: one
 * makes tokens (HMAC-SHA256), the other encrypts the mapping (AES-256-GCM). Neither is ever logged.
 */
final class PiiKeys {

    static final int MASTER_KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TOKEN_BYTES = PiiField.TOKEN_CHARS * 5 / 8;
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec tokenKey;
    /** A Mac per thread, initialised once: looking one up and keying it costs more than the HMAC itself. */
    private final ThreadLocal<Mac> tokenMac = ThreadLocal.withInitial(this::newTokenMac);

    private final SecretKeySpec mappingKey;
    private final int version;

    PiiKeys(byte[] masterKey, int version) {
        if (masterKey.length != MASTER_KEY_BYTES) {
            throw new IllegalArgumentException("the PII key must be " + MASTER_KEY_BYTES + " bytes (base64-encoded)");
        }
        this.tokenKey = new SecretKeySpec(hkdf(masterKey, "vigil pii token v1"), "HmacSHA256");
        this.mappingKey = new SecretKeySpec(hkdf(masterKey, "vigil pii mapping v1"), "AES");
        this.version = version;
    }

    private Mac newTokenMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(tokenKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    int version() {
        return version;
    }

    static byte[] newMasterKey() {
        byte[] key = new byte[MASTER_KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Prefix, dash, the first 80 bits of HMAC(field prefix ":" normalised value) in Crockford base32. */
    String token(PiiField field, String normalised) {
        byte[] mac = tokenMac.get().doFinal((field.prefix() + ":" + normalised).getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder(field.prefix().length() + 1 + PiiField.TOKEN_CHARS);
        out.append(field.prefix()).append('-');
        long buffer = 0;
        int bits = 0;
        for (int i = 0; i < TOKEN_BYTES; i++) {
            buffer = (buffer << 8) | (mac[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(CROCKFORD[(int) (buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }

    /** A fresh random nonce per row; the token is associated data, so a row's ciphertext is bound to its token. */
    Sealed seal(String token, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = gcm(Cipher.ENCRYPT_MODE, nonce, token);
            return new Sealed(nonce, cipher.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws AEADBadTagException when the key, the token or the row is not what was sealed */
    String open(String token, byte[] nonce, byte[] ciphertext) throws AEADBadTagException {
        try {
            return new String(gcm(Cipher.DECRYPT_MODE, nonce, token).doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new AEADBadTagException("unreadable: " + e.getClass().getSimpleName());
        }
    }

    private Cipher gcm(int mode, byte[] nonce, String token) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, mappingKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(token.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    record Sealed(byte[] nonce, byte[] ciphertext) {}

    /** HKDF-SHA256 with an all-zero salt, one 32-byte block of output for the given label. */
    private static byte[] hkdf(byte[] inputKey, String label) {
        byte[] prk = hmac(new SecretKeySpec(new byte[32], "HmacSHA256"), inputKey);
        byte[] info = label.getBytes(StandardCharsets.UTF_8);
        byte[] block = Arrays.copyOf(info, info.length + 1);
        block[info.length] = 1;
        return hmac(new SecretKeySpec(prk, "HmacSHA256"), block);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "PiiKeys[version=" + version + ", keys=<hidden>]";
    }
}
