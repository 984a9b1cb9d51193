package dev.vigil.respond.defender;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Vigil reaches Microsoft Defender, Graph and Entra ID, and the tenants it acts in. Client secrets and
 * certificate passwords are secrets: they come from the environment and {@link #toString()} leaves them out.
 *
 * @param apiUrl Defender for Endpoint API root
 * @param graphUrl Microsoft Graph root
 * @param loginUrl Entra ID authority host; the token endpoint is {@code {login-url}{tenant-id}/oauth2/v2.0/token}
 * @param timeout how long one HTTP call may take, connecting included
 * @param maxRetries how often a call is retried after a 429, a 5xx or a network error before it fails
 * @param retryBackoff the first back-off after a 5xx or network error; it doubles each retry, with jitter
 * @param maxWait the longest Vigil waits at once, for a {@code Retry-After} or for its own quota limiter
 * @param trustStore PKCS12 trust store for the TLS connections (a TLS-inspecting proxy); empty: the JDK's
 * @param trustStorePassword its password
 * @param tenants tenants by the name used in URLs ({@code /api/v1/defender/{tenant}/…})
 */
@ConfigurationProperties("vigil.defender")
public record DefenderProperties(
        @DefaultValue("https://api.securitycenter.microsoft.com/")
        URI apiUrl,

        @DefaultValue("https://graph.microsoft.com/") URI graphUrl,
        @DefaultValue("https://login.microsoftonline.com/") URI loginUrl,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("4") int maxRetries,
        @DefaultValue("500ms") Duration retryBackoff,
        @DefaultValue("60s") Duration maxWait,
        @DefaultValue("") String trustStore,
        @DefaultValue("") String trustStorePassword,
        @DefaultValue Map<String, Tenant> tenants) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @ConstructorBinding
    public DefenderProperties {
        apiUrl = withSlash(apiUrl, "api-url");
        graphUrl = withSlash(graphUrl, "graph-url");
        loginUrl = withSlash(loginUrl, "login-url");
        positive(timeout, "timeout");
        positive(retryBackoff, "retry-backoff");
        positive(maxWait, "max-wait");
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("vigil.defender.max-retries must be between 0 and 10");
        }
        if (!trustStore.isBlank() && !Files.isReadable(Path.of(trustStore))) {
            throw new IllegalArgumentException("vigil.defender.trust-store: cannot read " + trustStore);
        }
        Map<String, Tenant> checked = new LinkedHashMap<>();
        tenants.forEach((name, tenant) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("vigil.defender.tenants." + name
                        + ": a tenant name is lower-case letters, digits and '-' (it appears in URLs)");
            }
            tenant.check("vigil.defender.tenants." + name);
            checked.put(name, tenant);
        });
        tenants = Map.copyOf(checked);
    }

    @Override
    public String toString() {
        return "DefenderProperties[apiUrl=" + apiUrl + ", graphUrl=" + graphUrl + ", loginUrl=" + loginUrl
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", retryBackoff=" + retryBackoff
                + ", maxWait=" + maxWait + ", trustStore=" + (trustStore.isBlank() ? "(none)" : trustStore)
                + ", trustStorePassword=(hidden), tenants=" + tenants + "]";
    }

    private static URI withSlash(URI uri, String key) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("vigil.defender." + key + " must be an absolute URL");
        }
        return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
    }

    private static void positive(Duration duration, String key) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("vigil.defender." + key + " must be positive");
        }
    }

    /**
     * One Entra ID tenant and the app registration Vigil signs in with: a client secret or a certificate
     * (PKCS12 {@code .p12}/{@code .pfx}, or PEM holding an unencrypted PKCS#8 key and the certificate).
     */
    public record Tenant(
            String tenantId,
            String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("") String certificate,
            @DefaultValue("") String certificatePassword) {

        private static final Pattern GUID =
                Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

        void check(String key) {
            if (tenantId == null
                    || !(GUID.matcher(tenantId).matches()
                            || DOMAIN.matcher(tenantId).matches())) {
                throw new IllegalArgumentException(
                        key + ".tenant-id must be the tenant's GUID or verified domain (not 'common')");
            }
            if (clientId == null || !GUID.matcher(clientId).matches()) {
                throw new IllegalArgumentException(key + ".client-id must be the app registration's GUID");
            }
            if (hasSecret() == hasCertificate()) {
                throw new IllegalArgumentException(
                        key + ": set exactly one of client-secret (from the environment)" + " and certificate");
            }
            if (hasCertificate() && !Files.isReadable(Path.of(certificate))) {
                throw new IllegalArgumentException(key + ".certificate: cannot read " + certificate);
            }
        }

        public boolean hasSecret() {
            return clientSecret != null && !clientSecret.isBlank();
        }

        public boolean hasCertificate() {
            return certificate != null && !certificate.isBlank();
        }

        @Override
        public String toString() {
            return "Tenant[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret="
                    + (hasSecret() ? "(set)" : "(none)") + ", certificate="
                    + (hasCertificate() ? certificate : "(none)")
                    + ", certificatePassword=(hidden)]";
        }
    }
}
