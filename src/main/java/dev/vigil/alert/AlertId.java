package dev.vigil.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.UUID;

/** Alert identifier: a UUID version 7, so ids sort by the time they were created. */
public record AlertId(UUID value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public AlertId {
        if (value.version() != 7) {
            throw new IllegalArgumentException("alert id must be a UUID version 7: " + value);
        }
    }

    public static AlertId newId() {
        return new AlertId(uuidV7(System.currentTimeMillis()));
    }

    public static AlertId parse(String text) {
        return new AlertId(UUID.fromString(text));
    }

    /** RFC 9562 layout: 48-bit Unix milliseconds, version 7, 74 random bits, variant 2. */
    static UUID uuidV7(long epochMillis) {
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (epochMillis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** In JSON an id is its text form, as in URLs. */
    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
