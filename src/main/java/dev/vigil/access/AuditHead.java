package dev.vigil.access;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A row of the audit chain named by its seq and hash: what {@code vigil audit verify} prints as the chain's
 * newest row, to be kept where the database's owner cannot write. Checked again later, it shows that no
 * row up to it was removed, re-hashed or replaced, which the chain alone cannot show for its newest rows.
 */
public record AuditHead(long seq, byte[] hash) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,18}):([0-9a-fA-F]{64})");

    /** {@code 1207:9f86d0…} (seq, colon, 64 hex digits of SHA-256). */
    public static Optional<AuditHead> parse(String text) {
        var matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AuditHead(
                Long.parseLong(matcher.group(1)),
                HexFormat.of().parseHex(matcher.group(2).toLowerCase(Locale.ROOT))));
    }

    @Override
    public String toString() {
        return seq + ":" + HexFormat.of().formatHex(hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditHead head && head.seq == seq && java.util.Arrays.equals(head.hash, hash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + java.util.Arrays.hashCode(hash);
    }
}
