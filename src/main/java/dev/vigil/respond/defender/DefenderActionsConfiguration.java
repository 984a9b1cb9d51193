package dev.vigil.respond.defender;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Device response: the machine-action client on the shared {@link DefenderHttp}, the store of actions Vigil started and their poller. */
@Configuration(proxyBeanMethods = false)
class DefenderActionsConfiguration {

    @Bean
    DeviceResponse deviceResponse(
            DefenderHttp http, JdbcTemplate jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
        DefenderMachineActions actions = new DefenderMachineActions(http);
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
