package dev.vigil.respond.defender;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Device response: the machine-action client, the store of actions Vigil started and their poller. Its own
 * {@link DefenderHttp} keeps the machine-action quota in one limiter; tokens are cached per client.
 */
@Configuration(proxyBeanMethods = false)
class DefenderActionsConfiguration {

    @Bean
    DeviceResponse deviceResponse(
            DefenderProperties properties,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            ApplicationEventPublisher events) {
        HttpClient http = DefenderConfiguration.httpClient(properties);
        EntraTokens tokens = new EntraTokens(properties, new JdkMsalHttp(http, properties.timeout()));
        DefenderMachineActions actions = new DefenderMachineActions(new DefenderHttp(properties, tokens, http));
        return new DeviceResponse(actions, new StoredActions(jdbc, tx, Clock.systemUTC()), events);
    }

    @Bean
    ActionPoller defenderActionPoller(
            DeviceResponse response,
            DefenderProperties properties,
            @Value("${vigil.defender.actions.poll-interval:5s}") Duration interval,
            @Value("${vigil.defender.actions.poll-batch:50}") int batch) {
        return new ActionPoller(response, interval, batch, !properties.tenants().isEmpty());
    }
}
