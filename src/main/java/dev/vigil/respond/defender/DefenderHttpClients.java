package dev.vigil.respond.defender;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK client for Microsoft's hosts (Entra ID, Defender, Graph, and the blob host of live-response
 * results): the configured connect timeout, no redirects, and the configured trust store when a
 * TLS-inspecting proxy stands in the way.
 */
public final class DefenderHttpClients {

    private DefenderHttpClients() {}

    public static HttpClient create(DefenderProperties properties) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                // A redirect would carry the bearer token to wherever it points.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!properties.trustStore().isBlank()) {
            builder.sslContext(trusting(Path.of(properties.trustStore()), properties.trustStorePassword()));
        }
        return builder.build();
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
}
