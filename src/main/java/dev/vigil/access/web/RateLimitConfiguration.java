package dev.vigil.access.web;

import dev.vigil.access.ratelimit.ExpiredBuckets;
import dev.vigil.access.ratelimit.RateLimitProperties;
import dev.vigil.access.ratelimit.RateLimitRules;
import dev.vigil.access.ratelimit.RateLimiter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLadvisoryLockBasedProxyManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Puts the rate limit into every security filter chain: {@link AuthenticationThrottle} right after the
 * security headers are written (before any credential is checked), {@link RateLimitFilter} once the caller
 * is known. Applied as a {@code Customizer<HttpSecurity>} bean, which Spring Security applies to each
 * {@code HttpSecurity} it hands out, so {@link SecurityConfiguration} needs no change.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnBooleanProperty(name = "vigil.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

    /** Full buckets are kept this long after they last changed, then swept. */
    private static final Duration KEEP_FULL_BUCKETS = Duration.ofMinutes(1);

    @Bean
    PostgreSQLadvisoryLockBasedProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        return Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
                .primaryKeyMapper(io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper.STRING)
                .lockIdSupplier(RateLimitConfiguration::lockId)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
                .build();
    }

    @Bean
    RateLimiter rateLimiter(PostgreSQLadvisoryLockBasedProxyManager<String> buckets, RateLimitProperties limits) {
        return new RateLimiter(buckets, limits.sync());
    }

    @Bean
    ExpiredBuckets expiredRateLimitBuckets(PostgreSQLadvisoryLockBasedProxyManager<String> buckets) {
        return new ExpiredBuckets(buckets, Duration.ofMinutes(1));
    }

    @Bean
    Customizer<HttpSecurity> rateLimitFilters(
            RateLimiter limiter, RateLimitProperties limits, ProblemResponses problems) {
        RateLimitRules rules = new RateLimitRules(limits);
        return http -> http.addFilterAfter(
                        new AuthenticationThrottle(limiter, rules, problems), HeaderWriterFilter.class)
                .addFilterAfter(new RateLimitFilter(limiter, rules, problems), AnonymousAuthenticationFilter.class);
    }

    /**
     * Advisory locks share one 64-bit space per database; FNV-1a of the bucket key spreads keys over all
     * of it (String.hashCode would use 32 bits). A collision only makes two buckets wait for each other.
     */
    static long lockId(String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
