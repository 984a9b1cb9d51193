package dev.vigil.respond.defender.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a session still 'Starting' counts as lost: never while another instance's start may still retry. */
class LostStartTest {

    @Test
    void withTheDefaultsItIsFifteenMinutes() {
        // 5 attempts × (60 s + 30 s + 60 s) + 30 s = 13 min: under the floor.
        assertThat(LiveResponse.lostStartAfter(Duration.ofSeconds(30), 4, Duration.ofSeconds(60)))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void longerWaitsAndMoreRetriesPushItOutPastTheLongestStartCouldTake() {
        Duration cutOff = LiveResponse.lostStartAfter(Duration.ofSeconds(30), 10, Duration.ofMinutes(5));

        // 11 attempts × (5 min + 30 s + 5 min) + 30 s.
        assertThat(cutOff).isEqualTo(Duration.ofSeconds(11 * 630 + 30));
        // At least what the retries and their waits alone can take.
        assertThat(cutOff).isGreaterThan(Duration.ofMinutes(5).multipliedBy(11).plusSeconds(30));
    }
}
