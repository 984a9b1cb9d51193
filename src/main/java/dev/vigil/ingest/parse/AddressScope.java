package dev.vigil.ingest.parse;

import dev.vigil.alert.Direction;
import org.jspecify.annotations.Nullable;

/**
 * Tells a flow's direction from its addresses when the sensor does not say it: private, loopback,
 * link-local and multicast addresses count as inside, everything else as outside. A sensor knows its
 * home network better, so this is only used where the record carries no direction of its own.
 */
final class AddressScope {

    private AddressScope() {}

    static Direction direction(@Nullable String source, @Nullable String destination) {
        Boolean sourceInside = inside(source);
        Boolean destinationInside = inside(destination);
        if (sourceInside == null || destinationInside == null) {
            return Direction.UNKNOWN;
        }
        if (sourceInside) {
            return destinationInside ? Direction.INTERNAL : Direction.OUTBOUND;
        }
        return destinationInside ? Direction.INBOUND : Direction.UNKNOWN;
    }

    /** Whether an address is inside the monitored network; {@code null} when it is not a usable address. */
    static @Nullable Boolean inside(@Nullable String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        if (address.indexOf(':') >= 0) {
            return insideV6(address);
        }
        int[] octets = ipv4(address);
        if (octets == null || (octets[0] == 0 && octets[1] == 0 && octets[2] == 0 && octets[3] == 0)) {
            return null;
        }
        int a = octets[0];
        int b = octets[1];
        return a == 10
                || a == 127
                || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168)
                || (a == 169 && b == 254)
                || (a == 100 && b >= 64 && b <= 127)
                || a >= 224;
    }

    private static @Nullable Boolean insideV6(String address) {
        String lower = address.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("::")) {
            return null;
        }
        if (lower.startsWith("::ffff:") && lower.indexOf('.') > 0) {
            return inside(lower.substring(7));
        }
        return lower.equals("::1")
                || lower.startsWith("fe80:")
                || lower.startsWith("fc")
                || lower.startsWith("fd")
                || lower.startsWith("ff");
    }

    private static int @Nullable [] ipv4(String address) {
        int[] octets = new int[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 3) {
                octets[part++] = value;
                value = -1;
            } else {
                return null;
            }
        }
        if (part != 3 || value < 0) {
            return null;
        }
        octets[3] = value;
        return octets;
    }
}
