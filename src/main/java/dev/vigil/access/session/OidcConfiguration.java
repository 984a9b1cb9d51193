package dev.vigil.access.session;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/** The OpenID Connect client, when {@code vigil.access.oidc.enabled}: its provider is read from discovery at start. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vigil.access.oidc.enabled", havingValue = "true")
class OidcConfiguration {

    static final String REGISTRATION = "oidc";

    @Bean
    ClientRegistrationRepository oidcClientRegistrations(OidcProperties properties) {
        if (blank(properties.issuerUri()) || blank(properties.clientId()) || blank(properties.clientSecret())) {
            throw new IllegalStateException(
                    "vigil.access.oidc.enabled needs issuer-uri, client-id and client-secret (VIGIL_ACCESS_OIDC_CLIENT_SECRET)");
        }
        if (properties.groupRoles().isEmpty()) {
            throw new IllegalStateException(
                    "vigil.access.oidc.group-roles is empty: nobody could sign in; map at least one group to a role");
        }
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                .registrationId(REGISTRATION)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .scope("openid", "profile", "email")
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
