package dev.vigil.access.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.ratelimit.RateLimitProperties.Limit;
import dev.vigil.access.ratelimit.RateLimitProperties.Roles;
import dev.vigil.access.ratelimit.RateLimitProperties.Sync;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

class RateLimitRulesTest {

    private static final Limit ANALYST = new Limit(10, Duration.ofMinutes(1));
    private static final Limit ENGINEER = new Limit(20, Duration.ofMinutes(1));
    private static final Limit ADMIN = new Limit(30, Duration.ofMinutes(1));
    private static final Limit INGEST_KEYS = new Limit(1000, Duration.ofSeconds(1));
    private static final Limit INGEST_ENDPOINT = new Limit(500, Duration.ofSeconds(1));
    private static final Limit ANONYMOUS = new Limit(5, Duration.ofMinutes(1));

    private final RateLimitRules rules = new RateLimitRules(new RateLimitProperties(
            true,
            new Roles(ANALYST, ENGINEER, ADMIN),
            INGEST_KEYS,
            INGEST_ENDPOINT,
            ANONYMOUS,
            new Sync(0, Duration.ofMillis(100), 1000)));

    @Test
    void eachCallerSpendsFromABucketSizedByItsRole() {
        assertThat(rules.forRequest(caller("key:a", "ROLE_ANALYST"), "GET", "/api/v1/alerts", "10.0.0.1"))
                .isEqualTo(new RateLimitBucket("analyst|key:a", "analyst", ANALYST, false));
        assertThat(rules.forRequest(caller("user:bob", "ROLE_ENGINEER"), "GET", "/api/v1/queues", "10.0.0.1"))
                .isEqualTo(new RateLimitBucket("engineer|user:bob", "engineer", ENGINEER));
        assertThat(rules.forRequest(
                                caller("key:b", "ROLE_ADMIN", "ROLE_ENGINEER", "ROLE_ANALYST"),
                                "DELETE",
                                "/api/v1/keys/1",
                                "10.0.0.1")
                        .limit())
                .isEqualTo(ADMIN);
    }

    @Test
    void ingestKeysSpendTheirOwnHigherLimitOnEveryRequest() {
        Authentication sensor = caller("key:sensor", "ROLE_ANALYST", "SCOPE_ingest", "PERM_alerts:ingest");
        assertThat(rules.forRequest(sensor, "POST", "/api/v1/alerts", "10.0.0.9"))
                .isEqualTo(new RateLimitBucket("ingest-key|key:sensor", "ingest-key", INGEST_KEYS, true));
        assertThat(rules.forRequest(sensor, "GET", "/api/v1/status", "10.0.0.9").limit())
                .isEqualTo(INGEST_KEYS);
    }

    @Test
    void postingAlertsHasABucketApartFromTheCallersRoleBucket() {
        Authentication analyst = caller("key:a", "ROLE_ANALYST");
        assertThat(rules.forRequest(analyst, "POST", "/api/v1/alerts", "10.0.0.1"))
                .isEqualTo(new RateLimitBucket("ingest|key:a", "ingest", INGEST_ENDPOINT, true));
        // Reading alerts, or posting feedback on one, is not ingest.
        assertThat(rules.forRequest(analyst, "GET", "/api/v1/alerts", "10.0.0.1")
                        .policy())
                .isEqualTo("analyst");
        assertThat(rules.forRequest(analyst, "POST", "/api/v1/alerts/0190/feedback", "10.0.0.1")
                        .policy())
                .isEqualTo("analyst");
    }

    @Test
    void unauthenticatedCallersAreToldApartByClientIp() {
        Authentication anonymous = new AnonymousAuthenticationToken(
                "k", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        assertThat(rules.forRequest(anonymous, "GET", "/api/v1/alerts", "203.0.113.7"))
                .isEqualTo(new RateLimitBucket("anonymous|ip:203.0.113.7", "anonymous", ANONYMOUS));
        assertThat(rules.forRequest(null, "POST", "/api/v1/alerts", "2001:db8::1"))
                .isEqualTo(new RateLimitBucket("anonymous|ip:2001:db8::1", "anonymous", ANONYMOUS));
        assertThat(rules.forUnauthenticated("203.0.113.7").key()).isEqualTo("anonymous|ip:203.0.113.7");
    }

    @Test
    void headersDescribeThePolicy() {
        RateLimitBucket bucket = new RateLimitBucket("analyst|key:a", "analyst", new Limit(600, Duration.ofMinutes(1)));
        RateLimitDecision decision = new RateLimitDecision(true, bucket, 599, 1, 0);
        assertThat(decision.limit()).isEqualTo(600);
        assertThat(decision.policy()).isEqualTo("600;w=60");
        RateLimitBucket fast = new RateLimitBucket("x", "x", new Limit(5, Duration.ofMillis(200)));
        assertThat(new RateLimitDecision(true, fast, 4, 1, 0).policy()).isEqualTo("5;w=1");
        assertThat(RateLimitDecision.ceilSeconds(1)).isEqualTo(1);
        assertThat(RateLimitDecision.ceilSeconds(1_000_000_000L)).isEqualTo(1);
        assertThat(RateLimitDecision.ceilSeconds(1_000_000_001L)).isEqualTo(2);
        assertThat(RateLimitDecision.ceilSeconds(0)).isZero();
    }

    private static Authentication caller(String name, String... authorities) {
        TestingAuthenticationToken token = new TestingAuthenticationToken(
                name,
                null,
                List.of(authorities).stream()
                        .map(org.springframework.security.core.authority.SimpleGrantedAuthority::new)
                        .toList());
        token.setAuthenticated(true);
        return token;
    }
}
