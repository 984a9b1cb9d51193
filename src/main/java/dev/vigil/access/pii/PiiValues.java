package dev.vigil.access.pii;

import dev.vigil.access.PiiField;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts a value in the one form its token is computed from, so {@code Alice}, {@code alice } and
 * {@code ALICE} are one person and {@code 10.0.0.01} and {@code ::ffff:10.0.0.1} one address.
 */
final class PiiValues {

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private PiiValues() {}

    static String normalise(PiiField field, String value) {
        String text = Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
        return switch (field) {
            case USER_NAME, EMAIL -> text.toLowerCase(Locale.ROOT);
            case HOST_NAME -> stripTrailingDot(text.toLowerCase(Locale.ROOT));
            case INTERNAL_IP -> canonicalIp(text);
        };
    }

    private static String stripTrailingDot(String host) {
        return host.endsWith(".") && host.length() > 1 ? host.substring(0, host.length() - 1) : host;
    }

    /** IPv4 dotted decimal without leading zeros; IPv6 per RFC 5952 (lower case, longest zero run as ::). */
    static String canonicalIp(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (t.indexOf(':') < 0) {
            return ipv4(t);
        }
        // Only literals: InetAddress resolves anything that does not start with a hex digit or a colon
        if (!IPV6.matcher(t).matches() || (Character.digit(t.charAt(0), 16) < 0 && t.charAt(0) != ':')) {
            throw notAnAddress();
        }
        try {
            InetAddress address = InetAddress.getByName(t);
            return address instanceof Inet6Address ? compress(address.getHostAddress()) : address.getHostAddress();
        } catch (UnknownHostException e) {
            throw notAnAddress();
        }
    }

    private static String ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw notAnAddress();
        }
        StringBuilder out = new StringBuilder(15);
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw notAnAddress();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw notAnAddress();
            }
            out.append(out.isEmpty() ? "" : ".").append(value);
        }
        return out.toString();
    }

    /** Java writes every group ("0:0:0:0:0:0:0:1"); RFC 5952 folds the longest run of two or more zero groups. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            if (!groups[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    private static IllegalArgumentException notAnAddress() {
        return new IllegalArgumentException("not an IP address");
    }
}
