package dev.vigil.respond.defender;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Defender's {@code indicatorType} values (external-apis §2.6), each with the form its value must have. */
public enum IndicatorType {
    FileSha1,
    FileSha256,
    FileMd5,
    /** A certificate's SHA-1 thumbprint, as Defender matches it. */
    CertificateThumbprint,
    IpAddress,
    DomainName,
    Url;

    private static final Pattern HEX40 = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern HEX64 = Pattern.compile("[0-9A-Fa-f]{64}");
    private static final Pattern HEX32 = Pattern.compile("[0-9A-Fa-f]{32}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** The type Defender calls {@code name}, matched exactly; null when there is none. */
    public static @Nullable IndicatorType of(String name) {
        for (IndicatorType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    /** Why {@code value} is not an indicator of this type, or null when it is one. */
    public @Nullable String problemWith(String value) {
        return switch (this) {
            case FileSha1 -> HEX40.matcher(value).matches() ? null : "a SHA-1 is 40 hexadecimal characters";
            case FileSha256 -> HEX64.matcher(value).matches() ? null : "a SHA-256 is 64 hexadecimal characters";
            case FileMd5 -> HEX32.matcher(value).matches() ? null : "an MD5 is 32 hexadecimal characters";
            case CertificateThumbprint ->
                HEX40.matcher(value).matches() ? null : "a certificate thumbprint is 40 hexadecimal characters";
            case IpAddress -> ipProblem(value);
            case DomainName -> DOMAIN.matcher(value).matches() ? null : "not a domain name (e.g. contoso.com)";
            case Url -> urlProblem(value);
        };
    }

    private static @Nullable String ipProblem(String value) {
        if (value.contains("/")) {
            // external-apis §2.6: Defender takes single addresses only.
            return "CIDR ranges are not supported; give one IPv4 or IPv6 address";
        }
        if (IPV4.matcher(value).matches() || isIpv6(value)) {
            return null;
        }
        return "not an IPv4 or IPv6 address";
    }

    private static boolean isIpv6(String value) {
        if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            // A literal with a colon is parsed, never looked up in DNS.
            java.net.InetAddress.getByName(value);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static @Nullable String urlProblem(String value) {
        String candidate = value.contains("://") ? value : "http://" + value;
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "a URL indicator is http or https";
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return "a URL needs a host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "not a URL";
        }
    }
}
