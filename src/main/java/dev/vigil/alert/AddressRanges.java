package dev.vigil.alert;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** CIDR ranges and the question "is this address inside them". Never resolves names: literals only. */
public final class AddressRanges {

    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+");

    private record Range(BigInteger network, int bits, int length) {}

    private final List<Range> ranges = new ArrayList<>();

    public AddressRanges(List<String> cidrs) {
        for (String cidr : cidrs) {
            String[] parts = cidr.trim().split("/");
            byte[] address =
                    literal(parts[0]).orElseThrow(() -> new IllegalArgumentException("not an address range: " + cidr));
            int length = address.length * 8;
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : length;
            if (bits < 0 || bits > length) {
                throw new IllegalArgumentException("not an address range: " + cidr);
            }
            ranges.add(new Range(prefix(address, bits), bits, length));
        }
    }

    /** Whether the text is an IP address literal; {@code empty} when it is not an address at all. */
    public Optional<Boolean> contains(String text) {
        Optional<byte[]> address = literal(text);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get();
        for (Range range : ranges) {
            if (range.length() == bytes.length * 8
                    && prefix(bytes, range.bits()).equals(range.network())) {
                return Optional.of(true);
            }
        }
        return Optional.of(false);
    }

    private static BigInteger prefix(byte[] address, int bits) {
        BigInteger value = new BigInteger(1, address);
        int length = address.length * 8;
        return bits == 0 ? BigInteger.ZERO : value.shiftRight(length - bits);
    }

    /**
     * Only address literals are parsed: IPv4 by hand (InetAddress would look up "999.1.1.1" in DNS), IPv6
     * only when it consists of hex digits, colons and dots and starts with a hex digit or a colon, which
     * InetAddress parses without any look-up.
     */
    public static Optional<byte[]> literal(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.indexOf(':') < 0) {
            return ipv4(t);
        }
        // InetAddress takes text as a literal only when it starts with a hex digit or a colon; anything
        // else (".::1") it hands to the resolver, so such text is no address
        if (!IPV6.matcher(t).matches() || (Character.digit(t.charAt(0), 16) < 0 && t.charAt(0) != ':')) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(bytes);
    }
}
