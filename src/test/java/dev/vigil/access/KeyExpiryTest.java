package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyExpiryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:00Z");

    @Test
    void daysCountFromNow() {
        assertThat(KeyExpiry.parse("90d", NOW)).isEqualTo(NOW.plus(Duration.ofDays(90)));
    }

    @Test
    void aDateMeansThroughThatDayInUtc() {
        assertThat(KeyExpiry.parse("2027-01-31", NOW)).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
    }

    @Test
    void anInstantIsTakenAsItIs() {
        assertThat(KeyExpiry.parse("2027-01-31T12:00:00Z", NOW)).isEqualTo(Instant.parse("2027-01-31T12:00:00Z"));
    }

    @Test
    void anythingElseIsRefusedWithTheFormsThatWork() {
        for (String bad : new String[] {"", "90", "d", "-5d", "2027-02-30", "tomorrow", "999999d"}) {
            assertThatThrownBy(() -> KeyExpiry.parse(bad, NOW))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("90d");
        }
    }
}
