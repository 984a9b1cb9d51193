package dev.vigil.notify.outbox;

import dev.vigil.access.AuditLog;
import dev.vigil.notify.SlackDelivery;
import dev.vigil.notify.SlackOutbox;
import dev.vigil.notify.slack.AlertMessage;
import dev.vigil.notify.slack.SlackApi;
import dev.vigil.notify.slack.SlackProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Slack outbox: the recorder (in the triage transaction), the dispatcher and what the status and dead
 * letter endpoints read. With no bot token and no webhook nothing is recorded and no dispatcher runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
class OutboxConfiguration {

    @Bean
    DeliveryMode slackDeliveryMode(SlackProperties slack, NotifyProperties notify) {
        DeliveryMode mode = DeliveryMode.of(slack);
        if (mode == DeliveryMode.BOT
                && slack.channel().isBlank()
                && notify.routes().isEmpty()) {
            throw new IllegalArgumentException(
                    "vigil.slack.bot-token is set but no channel is: set vigil.slack.channel or vigil.notify.routes");
        }
        return mode;
    }

    @Bean
    DispatchSignal slackDispatchSignal() {
        return new DispatchSignal();
    }

    @Bean
    SlackReachability slackReachability() {
        return new SlackReachability();
    }

    @Bean
    OutboxRecorder outboxRecorder(
            JdbcTemplate jdbc,
            SlackProperties slack,
            NotifyProperties notify,
            AlertMessage messages,
            DeliveryMode mode,
            DispatchSignal signal) {
        NotificationPolicy policy = new NotificationPolicy(notify, mode, slack.channel());
        return new OutboxRecorder(jdbc, policy, messages, mode, notify, signal);
    }

    @Bean
    JdbcOutbox jdbcOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, NotifyProperties notify) {
        return new JdbcOutbox(jdbc, new TransactionTemplate(transactions), notify);
    }

    @Bean
    SlackDelivery slackDelivery(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            DeliveryMode mode,
            SlackReachability reachability,
            AuditLog audit) {
        return new JdbcSlackDelivery(jdbc, new TransactionTemplate(transactions), mode, reachability, audit);
    }

    @Bean
    SlackOutbox slackOutbox(JdbcTemplate jdbc, DeliveryMode mode, SlackProperties slack, DispatchSignal signal) {
        return new JdbcSlackOutbox(jdbc, mode, slack.channel(), signal);
    }

    /** {@code vigil.notify.dispatch=false}: this process records but never sends (the command line). */
    @Bean
    Dispatcher slackDispatcher(
            JdbcOutbox outbox,
            SlackApi slack,
            SlackProperties slackProperties,
            DeliveryMode mode,
            DispatchSignal signal,
            NotifyProperties notify,
            SlackReachability reachability,
            @Value("${vigil.notify.dispatch:true}") boolean dispatch) {
        Sender sender = new Sender(slack, mode, slackProperties.webhook());
        return new Dispatcher(outbox, sender, signal, notify, reachability, dispatch && mode != DeliveryMode.NONE);
    }
}
