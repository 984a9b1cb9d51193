package dev.vigil.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a role, narrowed by scopes, may do, and the authority names that say so to Spring Security: {@code
 * ROLE_<ROLE>}, one {@code PERM_<permission>} per permission, {@code SCOPE_<scope>} per scope. Sessions and
 * keys both use it, so an endpoint checks one kind of authority whatever the caller signed in with.
 */
public final class Grants {

    private Grants() {}

    /** The permissions of the role; with scopes, only those that at least one scope allows too. */
    public static Set<Permission> permissions(Role role, Set<KeyScope> scopes) {
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        Arrays.stream(Permission.values())
                .filter(p -> p.grantedTo(role))
                .filter(p -> scopes.isEmpty() || scopes.stream().anyMatch(s -> s.allows(p)))
                .forEach(granted::add);
        return granted;
    }

    public static List<String> authorities(Role role, Set<KeyScope> scopes) {
        List<String> authorities = new ArrayList<>();
        authorities.add("ROLE_" + role.name());
        permissions(role, scopes).forEach(p -> authorities.add(p.authority()));
        scopes.forEach(s -> authorities.add(s.authority()));
        return List.copyOf(authorities);
    }
}
