package dev.vigil.access.session;

import dev.vigil.access.Grants;
import dev.vigil.access.Role;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A dashboard user, as a session authenticates them: {@code user:<login name>} to audit and rate limits. */
record SignedInUser(UUID id, String login, Role role) implements AuthenticatedPrincipal {

    @Override
    public String getName() {
        return "user:" + login;
    }

    /** {@code ROLE_<ROLE>} and one {@code PERM_<id>} per permission the role holds, as for keys. */
    List<GrantedAuthority> authorities() {
        return Grants.authorities(role, Set.of()).stream()
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList();
    }
}
