package dev.vigil.respond.defender;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Client-credentials tokens through MSAL4J: one confidential client per tenant, whose cache holds a token per
 * resource (Defender, Graph). MSAL answers from its cache and fetches a new token once the cached one is within
 * five minutes of expiry, so a long run never presents an expired token.
 */
public final class EntraTokens {

    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");

    private final Map<String, ConfidentialClientApplication> clients;

    public EntraTokens(DefenderProperties properties, IHttpClient http) {
        this.clients = properties.tenants().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> client(properties, e.getKey(), e.getValue(), http)));
    }

    public boolean knows(String tenant) {
        return clients.containsKey(tenant);
    }

    /** A valid access token for the API in the tenant, from the cache when it has one. */
    public String token(String tenant, DefenderApi api) {
        return acquire(tenant, api, false);
    }

    /** A new token, skipping the cache: the API refused the cached one (revoked, or rotated secret). */
    public String freshToken(String tenant, DefenderApi api) {
        return acquire(tenant, api, true);
    }

    private String acquire(String tenant, DefenderApi api, boolean skipCache) {
        ConfidentialClientApplication client = clients.get(tenant);
        if (client == null) {
            throw new IllegalArgumentException("no Defender tenant '" + tenant + "'");
        }
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(Set.of(api.scope()))
                .skipCache(skipCache)
                .build();
        try {
            return client.acquireToken(parameters).get().accessToken();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestFailed(tenant, null, null, e);
        } catch (ExecutionException e) {
            throw failure(tenant, e.getCause());
        } catch (MsalException e) {
            throw failure(tenant, e);
        }
    }

    private static TokenRequestFailed failure(String tenant, @Nullable Throwable cause) {
        if (cause instanceof MsalServiceException service) {
            // MSAL keeps the OAuth error and folds error_codes into the message as "AADSTS<code>: ...".
            Matcher code = AADSTS.matcher(String.valueOf(service.getMessage()));
            return new TokenRequestFailed(tenant, service.errorCode(), code.find() ? code.group() : null, null);
        }
        if (cause instanceof MsalException msal) {
            return new TokenRequestFailed(tenant, msal.errorCode(), null, null);
        }
        return new TokenRequestFailed(tenant, null, null, cause);
    }

    private static ConfidentialClientApplication client(
            DefenderProperties properties, String name, DefenderProperties.Tenant tenant, IHttpClient http) {
        try {
            var builder = ConfidentialClientApplication.builder(tenant.clientId(), credential(name, tenant))
                    .authority(properties.loginUrl() + tenant.tenantId() + "/")
                    // The authority is configured, not discovered: no instance-discovery call to the public
                    // cloud (which a sovereign cloud, a proxy or a loopback fake would not answer).
                    .instanceDiscovery(false)
                    .validateAuthority(false)
                    .httpClient(http);
            URI login = properties.loginUrl();
            if (login.getPort() != -1) {
                // MSAL files tokens under the host but looks them up under host:port; without both as
                // aliases of one cloud, a login URL with an explicit port never hits the cache.
                builder.aadInstanceDiscoveryResponse(aliases(login));
            }
            return builder.build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("vigil.defender.login-url with tenant '" + name + "' is not a URL");
        }
    }

    private static String aliases(URI login) {
        String host = login.getHost();
        String withPort = host + ":" + login.getPort();
        return "{\"tenant_discovery_endpoint\":\"" + login + "common/v2.0/.well-known/openid-configuration\","
                + "\"api-version\":\"1.1\",\"metadata\":[{\"preferred_network\":\"" + host
                + "\",\"preferred_cache\":\"" + host + "\",\"aliases\":[\"" + host + "\",\"" + withPort + "\"]}]}";
    }

    private static IClientCredential credential(String name, DefenderProperties.Tenant tenant) {
        if (tenant.hasSecret()) {
            return ClientCredentialFactory.createFromSecret(tenant.clientSecret());
        }
        Path path = Path.of(tenant.certificate());
        try {
            if (path.toString().endsWith(".pem")) {
                return PemCertificate.read(path);
            }
            try (InputStream in = Files.newInputStream(path)) {
                return ClientCredentialFactory.createFromCertificate(in, tenant.certificatePassword());
            }
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("vigil.defender.tenants." + name + ".certificate: cannot load " + path
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
