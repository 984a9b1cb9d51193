package dev.vigil.respond.defender.live;

import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderProperties;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live response: Defender's calls on the shared {@link DefenderHttp}, a separate plain client for the result
 * host (it must never receive Vigil's bearer token), the session store and its poller.
 */
@Configuration(proxyBeanMethods = false)
class LiveResponseConfiguration {

    @Bean
    LiveResponse liveResponse(
            DefenderHttp http,
            DefenderProperties defender,
            LiveResponseProperties properties,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            ApplicationEventPublisher events) {
        HttpClient blobs = HttpClient.newBuilder()
                .connectTimeout(defender.timeout())
                // A redirect could lead the signed link anywhere; the blob host answers directly.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new LiveResponse(
                new DefenderLiveResponse(http),
                new ResultDownloads(
                        blobs,
                        properties.downloadTimeout(),
                        properties.maxDownload().toBytes()),
                new LiveSessions(jdbc, tx, Clock.systemUTC()),
                new StartsPerMinute(properties.perMinute()),
                properties.maxConcurrent(),
                events,
                Clock.systemUTC());
    }

    @Bean
    LiveResponsePoller liveResponsePoller(
            LiveResponse response, DefenderProperties defender, LiveResponseProperties properties) {
        return new LiveResponsePoller(
                response,
                properties.pollInterval(),
                properties.pollBatch(),
                !defender.tenants().isEmpty());
    }
}
