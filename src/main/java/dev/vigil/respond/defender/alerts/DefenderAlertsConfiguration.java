package dev.vigil.respond.defender.alerts;

import dev.vigil.ingest.AlertIntake;
import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderTenants;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Defender alerts as an ingest source: the polling on the shared {@link DefenderHttp}, and its threads. */
@Configuration(proxyBeanMethods = false)
class DefenderAlertsConfiguration {

    @Bean
    DefenderAlertPolling defenderAlertPolling(
            DefenderHttp http,
            AlertIntake intake,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            DefenderAlertsProperties properties,
            DefenderTenants tenants) {
        Set<String> polled = new HashSet<>(tenants.names());
        polled.removeAll(properties.excludeTenants());
        return new DefenderAlertPolling(
                http, intake, new StoredWatermarks(jdbc), tx, properties, polled, Clock.systemUTC());
    }

    @Bean
    AlertPoller defenderAlertPoller(DefenderAlertPolling polling, DefenderAlertsProperties properties) {
        return new AlertPoller(polling, properties.pollInterval());
    }
}
