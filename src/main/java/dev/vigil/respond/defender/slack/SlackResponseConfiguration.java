package dev.vigil.respond.defender.slack;

import dev.vigil.alert.AlertStore;
import dev.vigil.notify.AlertButtons;
import dev.vigil.notify.SlackButtonHandler;
import dev.vigil.notify.SlackOutbox;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderDevices;
import dev.vigil.respond.defender.DefenderProperties;
import dev.vigil.respond.defender.DeviceResponse;
import dev.vigil.respond.defender.approval.Approvals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Device response from Slack: the buttons notify adds to alert messages, their clicks, and end-of-action messages. */
@Configuration(proxyBeanMethods = false)
class SlackResponseConfiguration {

    @Bean
    DefenderTargets defenderTargets(DefenderProperties properties) {
        return new DefenderTargets(properties);
    }

    @Bean
    SlackActionOrigins slackActionOrigins(JdbcTemplate jdbc) {
        return new SlackActionOrigins(jdbc);
    }

    @Bean
    AlertButtons defenderDeviceButtons(DefenderTargets targets) {
        return new DeviceButtons(targets);
    }

    @Bean
    SlackButtonHandler defenderDeviceButtonClicks(
            AlertStore alerts,
            DefenderTargets targets,
            DefenderCalls calls,
            DefenderDevices devices,
            DeviceResponse response,
            SlackActionOrigins origins,
            Approvals approvals) {
        return new DeviceButtonClicks(alerts, targets, calls, devices, response, origins, approvals);
    }

    @Bean
    ApprovedFromSlack defenderApprovedFromSlack(SlackActionOrigins origins) {
        return new ApprovedFromSlack(origins);
    }

    @Bean
    ActionEndedNotices defenderActionEndedNotices(SlackActionOrigins origins, SlackOutbox outbox) {
        return new ActionEndedNotices(origins, outbox);
    }
}
