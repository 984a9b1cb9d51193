package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefenderBackoffTest {

    @Test
    void doublesEachRetryWithJitterAndNeverPassesMaxWait() {
        DefenderProperties properties = new DefenderProperties(
                URI.create("https://api.securitycenter.microsoft.com/"),
                URI.create("https://graph.microsoft.com/"),
                URI.create("https://login.microsoftonline.com/"),
                Duration.ofSeconds(30),
                10,
                Duration.ofMillis(400),
                Duration.ofSeconds(5),
                "",
                "",
                Map.of());
        DefenderHttp http =
                new DefenderHttp(properties, new EntraTokens(properties, request -> null), HttpClient.newHttpClient());

        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long first = http.backoff(0).toMillis();
            long third = http.backoff(2).toMillis();
            long late = http.backoff(30).toMillis();
            assertThat(first).isBetween(200L, 400L);
            assertThat(third).isBetween(800L, 1_600L);
            assertThat(late).isBetween(2_500L, 5_000L);
            seen.add(first);
        }
        assertThat(seen).as("jitter spreads retries").hasSizeGreaterThan(20);
    }
}
