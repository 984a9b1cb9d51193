package dev.vigil.access.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dashboard session lifetimes and cookie policy. A session ends at the first of: {@code absoluteTimeout}
 * after sign-in, {@code idleTimeout} without a request, sign-out, or its user being disabled.
 */
@ConfigurationProperties("vigil.access.session")
public record SessionProperties(
        @DefaultValue("auto") SecureCookie secureCookie,
        @DefaultValue("8h") Duration absoluteTimeout,
        @DefaultValue("30m") Duration idleTimeout,
        /** How often expired rows are deleted. */
        @DefaultValue("10m") Duration purgeInterval) {

    public SessionProperties {
        if (!positive(absoluteTimeout) || !positive(idleTimeout) || !positive(purgeInterval)) {
            throw new IllegalArgumentException("vigil.access.session timeouts and purge-interval must be positive");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    public static SessionProperties defaults() {
        return new SessionProperties(
                SecureCookie.AUTO, Duration.ofHours(8), Duration.ofMinutes(30), Duration.ofMinutes(10));
    }

    /** When the cookie carries the {@code Secure} attribute. */
    public enum SecureCookie {
        /** When the request came over TLS (directly, or as the forwarded headers Spring trusts say). */
        AUTO,
        ALWAYS,
        NEVER
    }
}
