package dev.vigil.respond.defender.live;

import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
        HttpClient.Builder blobs = HttpClient.newBuilder()
                .connectTimeout(defender.timeout())
                // A redirect could lead the signed link anywhere; the blob host answers directly.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!defender.trustStore().isBlank()) {
            // Behind a TLS-inspecting proxy the blob host is reached through it too.
            blobs.sslContext(trusting(Path.of(defender.trustStore()), defender.trustStorePassword()));
        }
        return new LiveResponse(
                new DefenderLiveResponse(http),
                new ResultDownloads(
                        blobs.build(),
                        properties.downloadTimeout(),
                        properties.maxDownload().toBytes()),
                new LiveSessions(jdbc, tx, Clock.systemUTC()),
                new StartsPerMinute(properties.perMinute()),
                properties.maxConcurrent(),
                events,
                Clock.systemUTC());
    }

    private static SSLContext trusting(Path trustStore, String password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("vigil.defender.trust-store: cannot load " + trustStore + " ("
                    + e.getClass().getSimpleName() + ")");
        }
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
