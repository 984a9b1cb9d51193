package dev.vigil.access.session;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans of the session feature that are not components of their own. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SessionConfiguration {

    /** The time the session and lockout rules read; tests replace it to move time without waiting. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SessionCsrfTokens sessionCsrfTokens(SessionProperties properties) {
        return new SessionCsrfTokens(properties);
    }
}
