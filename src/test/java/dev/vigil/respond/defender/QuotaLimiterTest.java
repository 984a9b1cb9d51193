package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaLimiterTest {

    @Test
    void liveResponseAllowsTenAMinuteThenRefusesPastTheWaitBound() {
        QuotaLimiter limiter = new QuotaLimiter(Duration.ofMillis(50));
        for (int i = 0; i < 10; i++) {
            limiter.acquire("contoso", DefenderQuota.LIVE_RESPONSE);
        }

        long started = System.nanoTime();
        assertThatThrownBy(() -> limiter.acquire("contoso", DefenderQuota.LIVE_RESPONSE))
                .isInstanceOf(DefenderUnavailable.class)
                .hasMessageContaining("LIVE_RESPONSE")
                .hasMessageContaining("contoso");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void tenantsAndQuotasCountApart() {
        QuotaLimiter limiter = new QuotaLimiter(Duration.ofMillis(50));
        for (int i = 0; i < 10; i++) {
            limiter.acquire("contoso", DefenderQuota.LIVE_RESPONSE);
        }

        limiter.acquire("fabrikam", DefenderQuota.LIVE_RESPONSE);
        for (int i = 0; i < 100; i++) {
            limiter.acquire("contoso", DefenderQuota.GENERAL);
        }
        assertThatThrownBy(() -> limiter.acquire("contoso", DefenderQuota.GENERAL))
                .isInstanceOf(DefenderUnavailable.class);
    }

    @Test
    void aCallNearTheLimitWaitsForTheNextTokenInsteadOfFailing() {
        // 10 a minute refills one token every 6 s: a 7 s bound waits for it.
        QuotaLimiter limiter = new QuotaLimiter(Duration.ofSeconds(7));
        for (int i = 0; i < 10; i++) {
            limiter.acquire("contoso", DefenderQuota.LIVE_RESPONSE);
        }

        long started = System.nanoTime();
        limiter.acquire("contoso", DefenderQuota.LIVE_RESPONSE);

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));
    }
}
