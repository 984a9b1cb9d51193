package dev.vigil.respond.defender.live;

import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderHttpClients;
import dev.vigil.respond.defender.DefenderProperties;
import dev.vigil.respond.defender.PollingThread;
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
        // No redirects (a signed link could be led anywhere), and behind a TLS-inspecting proxy the blob host is
        // reached through it too. A client of its own: Vigil's bearer token never goes with these downloads.
        HttpClient blobs = DefenderHttpClients.create(defender);
        return new LiveResponse(
                new DefenderLiveResponse(http),
                new ResultDownloads(
                        blobs,
                        properties.downloadTimeout(),
                        properties.maxDownload().toBytes()),
                new LiveSessions(jdbc, tx, Clock.systemUTC()),
                new StartsPerMinute(properties.perMinute()),
                properties.maxConcurrent(),
                properties.pollInterval(),
                LiveResponse.lostStartAfter(defender.timeout(), defender.maxRetries(), defender.maxWait()),
                events,
                Clock.systemUTC());
    }

    @Bean
    SessionRetention liveResponseRetention(JdbcTemplate jdbc, LiveResponseProperties properties) {
        return new SessionRetention(jdbc, properties.retention(), Clock.systemUTC());
    }

    /**
     * Asks Defender about the open sessions every {@code poll-interval} and keeps the results of those that ended;
     * the same round deletes ended sessions past their retention (at most once an hour).
     */
    @Bean
    PollingThread liveResponsePoller(
            LiveResponse response,
            SessionRetention retention,
            DefenderProperties defender,
            LiveResponseProperties properties) {
        return new PollingThread(
                "defender-live-response-poller",
                properties.pollInterval(),
                !defender.tenants().isEmpty(),
                () -> {
                    response.pollOnce(properties.pollBatch());
                    retention.sweepIfDue();
                });
    }
}
