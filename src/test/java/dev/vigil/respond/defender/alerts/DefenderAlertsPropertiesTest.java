package dev.vigil.respond.defender.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DefenderAlertsPropertiesTest {

    private static DefenderAlertsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("vigil.defender.alerts", DefenderAlertsProperties.class);
    }

    @Test
    void pollingIsOffUntilADeploymentAsksForIt() {
        DefenderAlertsProperties properties = bind(Map.of());

        assertThat(properties.pollEnabled()).isFalse();
        assertThat(properties.pollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.pageSize()).isEqualTo(100);
        assertThat(properties.initialLookback()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.overlap()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.excludeTenants()).isEmpty();
    }

    @Test
    void bindsWhatADeploymentSets() {
        DefenderAlertsProperties properties = bind(Map.of(
                "vigil.defender.alerts.poll-enabled", "true",
                "vigil.defender.alerts.poll-interval", "30s",
                "vigil.defender.alerts.page-size", "500",
                "vigil.defender.alerts.overlap", "5m",
                "vigil.defender.alerts.exclude-tenants", "fabrikam"));

        assertThat(properties.pollEnabled()).isTrue();
        assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.pageSize()).isEqualTo(500);
        assertThat(properties.overlap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.excludeTenants()).containsExactly("fabrikam");
    }

    @Test
    void refusesIntervalsAndPageSizesThatCannotWork() {
        assertThatThrownBy(() -> new DefenderAlertsProperties(
                        true, Duration.ZERO, 100, Duration.ofHours(1), Duration.ofMinutes(2), Set.of()))
                .hasMessageContaining("poll-interval");
        assertThatThrownBy(() -> new DefenderAlertsProperties(
                        true, Duration.ofMinutes(1), 0, Duration.ofHours(1), Duration.ofMinutes(2), Set.of()))
                .hasMessageContaining("page-size");
        assertThatThrownBy(() -> new DefenderAlertsProperties(
                        true, Duration.ofMinutes(1), 100, Duration.ofHours(-1), Duration.ofMinutes(2), Set.of()))
                .hasMessageContaining("initial-lookback");
        assertThatThrownBy(() -> new DefenderAlertsProperties(
                        true, Duration.ofMinutes(1), 100, Duration.ofHours(1), Duration.ofSeconds(-1), Set.of()))
                .hasMessageContaining("overlap");
    }
}
