package dev.vigil.access.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The hash of an audit row: SHA-256 over the previous row's hash and an unambiguous encoding of every other
 * column. Every field is length-prefixed (and null is distinct from empty), details are taken in key order,
 * and the time is counted in microseconds, the precision PostgreSQL keeps, so a row read back hashes to
 * exactly what its writer computed.
 */
final class ChainHash {

    /** The previous hash of the very first row. */
    static final byte[] GENESIS = new byte[32];

    /** Names the encoding, so a future change of it cannot be confused with this one. */
    private static final String VERSION = "vigil-audit-v1";

    private ChainHash() {}

    static byte[] of(AuditRow row) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new DataOutputStream(bytes)) {
            text(out, VERSION);
            out.writeInt(row.prevHash().length);
            out.write(row.prevHash());
            out.writeLong(row.seq());
            out.writeLong(row.id().getMostSignificantBits());
            out.writeLong(row.id().getLeastSignificantBits());
            out.writeLong(micros(row.at()));
            text(out, row.actor());
            text(out, row.action());
            text(out, row.target());
            text(out, row.outcome());
            text(out, row.ip());
            text(out, row.userAgent());
            Map<String, String> sorted = new TreeMap<>(row.details());
            out.writeInt(sorted.size());
            for (var detail : sorted.entrySet()) {
                text(out, detail.getKey());
                text(out, detail.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha256(bytes.toByteArray());
    }

    static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static void text(DataOutputStream out, @Nullable String value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeByte(1);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
