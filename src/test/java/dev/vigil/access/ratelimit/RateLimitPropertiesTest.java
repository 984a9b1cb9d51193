package dev.vigil.access.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The limits as application.yml ships them bind, and bad values stop the start with the key named. */
class RateLimitPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Bound.class)
            .withPropertyValues(
                    "vigil.rate-limit.roles.analyst.capacity=600",
                    "vigil.rate-limit.roles.analyst.period=1m",
                    "vigil.rate-limit.roles.engineer.capacity=600",
                    "vigil.rate-limit.roles.engineer.period=1m",
                    "vigil.rate-limit.roles.admin.capacity=1200",
                    "vigil.rate-limit.roles.admin.period=1m",
                    "vigil.rate-limit.ingest-keys.capacity=20000",
                    "vigil.rate-limit.ingest-keys.period=10s",
                    "vigil.rate-limit.ingest-endpoint.capacity=20000",
                    "vigil.rate-limit.ingest-endpoint.period=10s",
                    "vigil.rate-limit.anonymous.capacity=60",
                    "vigil.rate-limit.anonymous.period=1m");

    @Test
    void bindsTheShippedShape() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            RateLimitProperties limits = started.getBean(RateLimitProperties.class);
            assertThat(limits.enabled()).isTrue();
            assertThat(limits.roles().admin().capacity()).isEqualTo(1200);
            assertThat(limits.ingestKeys().period()).isEqualTo(Duration.ofSeconds(10));
            assertThat(limits.sync().maxUnsynchronizedTokens()).isEqualTo(100);
        });
    }

    @Test
    void refusesAZeroCapacity() {
        assertRefused("vigil.rate-limit.roles.analyst.capacity=0", "roles.analyst.capacity");
    }

    @Test
    void refusesANegativeOrZeroPeriod() {
        assertRefused("vigil.rate-limit.anonymous.period=0s", "anonymous.periodSane");
        assertRefused("vigil.rate-limit.ingest-keys.period=-5s", "ingestKeys.periodSane");
    }

    @Test
    void refusesAMissingLimit() {
        new ApplicationContextRunner()
                .withUserConfiguration(Bound.class)
                .withPropertyValues("vigil.rate-limit.enabled=true")
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("vigil.rate-limit"));
    }

    @Test
    void refusesANegativeUnsynchronizedShare() {
        assertRefused("vigil.rate-limit.sync.max-unsynchronized-tokens=-1", "sync.maxUnsynchronizedTokens");
    }

    private void assertRefused(String property, String named) {
        context.withPropertyValues(property)
                .run(started -> assertThat(started)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("vigil.rate-limit")
                        .hasMessageContaining(named));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RateLimitProperties.class)
    static class Bound {}
}
