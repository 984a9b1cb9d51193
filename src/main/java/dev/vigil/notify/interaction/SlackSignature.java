package dev.vigil.notify.interaction;

import dev.vigil.access.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Slack's request signature (external-apis.md §4.6): {@code v0=} and the hex HMAC-SHA256, keyed with the
 * app's signing secret, of {@code v0:<timestamp>:<raw body>}. A request more than five minutes from now
 * either way is refused, so a captured request cannot be replayed later.
 */
final class SlackSignature {

    /** Slack's replay window. */
    static final long MAX_SKEW_SECONDS = 300;

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final String HMAC = "HmacSHA256";

    /** Why a request was refused; every one of them is answered 401. */
    enum Verdict {
        VALID,
        MISSING_HEADERS,
        STALE,
        WRONG_SIGNATURE
    }

    private final SecretKeySpec key;
    private final Clock clock;

    SlackSignature(String signingSecret, Clock clock) {
        if (signingSecret.isBlank()) {
            throw new IllegalArgumentException("no signing secret");
        }
        // Secrets read from files often end in a newline, which is not part of the secret.
        this.key = new SecretKeySpec(signingSecret.strip().getBytes(StandardCharsets.UTF_8), HMAC);
        this.clock = clock;
    }

    Verdict verify(@Nullable String timestamp, @Nullable String signature, byte[] body) {
        if (timestamp == null
                || signature == null
                || !TIMESTAMP.matcher(timestamp).matches()) {
            return Verdict.MISSING_HEADERS;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > MAX_SKEW_SECONDS) {
            return Verdict.STALE;
        }
        return Secrets.constantTimeEquals(sign(timestamp, body), signature) ? Verdict.VALID : Verdict.WRONG_SIGNATURE;
    }

    /** {@code v0=<hex>} for a timestamp and body, as Slack computes it. */
    String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
