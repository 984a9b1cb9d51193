package dev.vigil.notify.interaction;

import dev.vigil.access.AuditLog;
import dev.vigil.access.Users;
import dev.vigil.alert.AlertStore;
import dev.vigil.notify.slack.AlertMessage;
import dev.vigil.notify.slack.SlackProperties;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The Slack interactivity endpoint and its parts. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class InteractionConfiguration {

    @Bean
    SlackInteractionsController slackInteractionsController(
            SlackProperties slack,
            JsonMapper json,
            Users users,
            AlertStore alerts,
            AuditLog audit,
            AlertMessage messages,
            PlatformTransactionManager transactions,
            ClickWorkers workers) {
        Optional<SlackSignature> signature = slack.hasSigningSecret()
                ? Optional.of(new SlackSignature(slack.signingSecret(), Clock.systemUTC()))
                : Optional.empty();
        ButtonClicks clicks = new ButtonClicks(
                new SlackClickers(users, slack.users()),
                alerts,
                audit,
                messages,
                new ResponseUrls(slack.responseUrlPrefix(), slack.timeout(), json),
                new TransactionTemplate(transactions));
        return new SlackInteractionsController(signature, new InteractionPayloads(json), clicks, workers);
    }

    @Bean
    ClickWorkers slackClickWorkers() {
        return new ClickWorkers();
    }
}
