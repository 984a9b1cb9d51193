package dev.vigil.respond.defender;

import dev.vigil.access.Permission;
import dev.vigil.respond.defender.approval.GatedOperation;
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
            DefenderHttp http,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            ApplicationEventPublisher events,
            DefenderTenants tenants) {
        DefenderMachineActions actions = new DefenderMachineActions(http);
        return new DeviceResponse(
                actions, new StoredActions(jdbc, tx, Clock.systemUTC()), events, tenants, Clock.systemUTC());
    }

    @Bean
    DeviceActionGates deviceActionGates(DeviceResponse response, DefenderDevices devices) {
        return new DeviceActionGates(response, devices);
    }

    @Bean
    GatedOperation isolateGate(DeviceActionGates gates) {
        return gates.single(
                "isolate",
                ActionKind.ISOLATE,
                Permission.DEFENDER_RESPOND,
                "cuts the device off the network (Selective: Outlook, Teams and Skype keep working) until released");
    }

    @Bean
    GatedOperation offboardGate(DeviceActionGates gates) {
        return gates.single(
                "offboard",
                ActionKind.OFFBOARD,
                Permission.DEFENDER_ADMIN,
                "the device stops reporting to Defender and cannot be protected or answered until re-onboarded");
    }

    @Bean
    GatedOperation stopAndQuarantineGate(DeviceActionGates gates) {
        return gates.stopAndQuarantine();
    }

    /**
     * Asks Defender, every {@code poll-interval}, for the status of the actions Vigil started and has not yet
     * seen end; an action polled by any instance within the interval waits for the next round. Reads count
     * against the general quota, so a round asks for at most {@code poll-batch} actions.
     */
    @Bean
    PollingThread defenderActionPoller(
            DeviceResponse response,
            DefenderProperties properties,
            @Value("${vigil.defender.actions.poll-interval:5s}") Duration interval,
            @Value("${vigil.defender.actions.poll-batch:50}") int batch,
            @Value("${vigil.defender.actions.forget-after:15m}") Duration forgetAfter) {
        return new PollingThread(
                "defender-action-poller",
                interval,
                !properties.tenants().isEmpty(),
                () -> response.pollOnce(batch, interval, forgetAfter));
    }
}
