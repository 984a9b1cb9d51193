package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefenderPropertiesTest {

    static final String TENANT = "6f1c3a52-8d4e-4b7a-9c2d-0e5f7a8b9c10";
    static final String CLIENT = "0b2d4f6a-1c3e-4a5b-8d7f-9e0a1b2c3d4e";
    static final String SECRET = "fake-defender-client-secret-5c1e9a";

    @Test
    void urlsGainATrailingSlashAndTheDefaultsAreMicrosofts() {
        DefenderProperties properties = properties(URI.create("https://api.security.microsoft.com"), Map.of());

        assertThat(properties.apiUrl()).hasToString("https://api.security.microsoft.com/");
        assertThat(DefenderApi.DEFENDER.scope()).isEqualTo("https://api.securitycenter.microsoft.com/.default");
        assertThat(DefenderApi.GRAPH.scope()).isEqualTo("https://graph.microsoft.com/.default");
    }

    @Test
    void aTenantWithoutCredentialsIsRefusedNamingItsKey() {
        var tenant = new DefenderProperties.Tenant(TENANT, CLIENT, "", "", "");

        assertThatThrownBy(() ->
                        properties(URI.create("https://api.securitycenter.microsoft.com/"), Map.of("contoso", tenant)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigil.defender.tenants.contoso")
                .hasMessageContaining("client-secret");
    }

    @Test
    void aSecretAndACertificateTogetherAreRefused() {
        var tenant = new DefenderProperties.Tenant(TENANT, CLIENT, SECRET, "/etc/vigil/app.p12", "");

        assertThatThrownBy(() ->
                        properties(URI.create("https://api.securitycenter.microsoft.com/"), Map.of("contoso", tenant)))
                .hasMessageContaining("exactly one")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void anUnreadableCertificateIsRefusedNamingItsKey() {
        var tenant = new DefenderProperties.Tenant(TENANT, CLIENT, "", "/nonexistent/app.p12", "pw");

        assertThatThrownBy(() ->
                        properties(URI.create("https://api.securitycenter.microsoft.com/"), Map.of("contoso", tenant)))
                .hasMessageContaining("vigil.defender.tenants.contoso.certificate");
    }

    @Test
    void badIdsAndNamesAreRefusedNamingTheirKey() {
        var commonTenant = new DefenderProperties.Tenant("common", CLIENT, SECRET, "", "");
        var badClient = new DefenderProperties.Tenant(TENANT, "my-app", SECRET, "", "");
        var good = new DefenderProperties.Tenant(TENANT, CLIENT, SECRET, "", "");
        URI api = URI.create("https://api.securitycenter.microsoft.com/");

        assertThatThrownBy(() -> properties(api, Map.of("contoso", commonTenant)))
                .hasMessageContaining("vigil.defender.tenants.contoso.tenant-id");
        assertThatThrownBy(() -> properties(api, Map.of("contoso", badClient)))
                .hasMessageContaining("vigil.defender.tenants.contoso.client-id");
        assertThatThrownBy(() -> properties(api, Map.of("Contoso Ltd", good)))
                .hasMessageContaining("vigil.defender.tenants.Contoso Ltd");
    }

    @Test
    void theSecretNeverAppearsInToString() {
        var tenant = new DefenderProperties.Tenant("contoso.onmicrosoft.com", CLIENT, SECRET, "", "");
        DefenderProperties properties =
                properties(URI.create("https://api.securitycenter.microsoft.com/"), Map.of("contoso", tenant));

        assertThat(properties.toString()).contains("contoso", "(set)").doesNotContain(SECRET);
        DefenderProperties withTrustStore = new DefenderProperties(
                properties.apiUrl(),
                properties.graphUrl(),
                properties.loginUrl(),
                properties.timeout(),
                4,
                properties.retryBackoff(),
                properties.maxWait(),
                "",
                "trust-store-password-x",
                properties.tenants());
        assertThat(withTrustStore.toString()).doesNotContain("trust-store-password-x");
    }

    static DefenderProperties properties(URI api, Map<String, DefenderProperties.Tenant> tenants) {
        return new DefenderProperties(
                api,
                URI.create("https://graph.microsoft.com/"),
                URI.create("https://login.microsoftonline.com/"),
                Duration.ofSeconds(30),
                4,
                Duration.ofMillis(500),
                Duration.ofSeconds(60),
                "",
                "",
                tenants);
    }
}
