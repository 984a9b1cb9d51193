package dev.vigil.access.web;

import dev.vigil.access.ApiKeyPrincipal;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A caller authenticated by an API key. Its name is {@code key:<uuid>} (the audit actor and rate-limit key);
 * its authorities are the key's role, each permission it holds and each scope it has.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyPrincipal principal;

    ApiKeyAuthentication(ApiKeyPrincipal principal) {
        super(AuthorityUtils.createAuthorityList(principal.authorities()));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public String getName() {
        return principal.actor();
    }

    @Override
    public ApiKeyPrincipal getPrincipal() {
        return principal;
    }

    /** The key itself is never kept. */
    @Override
    public Object getCredentials() {
        return "";
    }
}
