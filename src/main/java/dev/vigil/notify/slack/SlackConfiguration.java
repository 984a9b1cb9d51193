package dev.vigil.notify.slack;

import dev.vigil.notify.AlertButtons;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Slack client and message builder; nothing is sent until the dispatcher uses them. */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

    @Bean
    SlackApi slackApi(SlackProperties properties) {
        return new SlackHttpClient(properties);
    }

    @Bean
    AlertMessage alertMessage(PublicUrl publicUrl, ObjectProvider<AlertButtons> moreButtons) {
        return new AlertMessage(publicUrl, moreButtons.orderedStream().toList());
    }
}
