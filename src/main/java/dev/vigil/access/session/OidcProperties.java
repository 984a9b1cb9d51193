package dev.vigil.access.session;

import dev.vigil.access.Role;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OpenID Connect sign-in (Microsoft Entra ID or any provider with discovery). The role comes from the
 * groups in the ID token: the highest role any of the user's groups maps to; a user in none is refused.
 */
@ConfigurationProperties("vigil.access.oidc")
public record OidcProperties(
        @DefaultValue("false") boolean enabled,
        /** e.g. {@code https://login.microsoftonline.com/<tenant id>/v2.0} */
        @Nullable String issuerUri,
        @Nullable String clientId,
        /** From the environment ({@code VIGIL_ACCESS_OIDC_CLIENT_SECRET}), never from a committed file. */
        @Nullable String clientSecret,
        /** Group id (as the groups claim carries it) to role. */
        @DefaultValue Map<String, Role> groupRoles,
        @DefaultValue("groups") String groupsClaim) {

    @Override
    public String toString() {
        return "OidcProperties[enabled=" + enabled + ", issuerUri=" + issuerUri + ", clientId=" + clientId
                + ", clientSecret=<hidden>, groupRoles=" + groupRoles + ", groupsClaim=" + groupsClaim + "]";
    }
}
