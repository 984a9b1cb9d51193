package dev.vigil.respond.defender.approval;

import dev.vigil.access.ApiKeyPrincipal;
import dev.vigil.access.Permission;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who asks for or decides on a held operation: the audit name ({@code key:…}, {@code user:…}), the person behind
 * it when there is one ({@code user:<login>}), and what they may do. "A second person" compares persons: two
 * keys of one user are one person, and a key bound to nobody proves no person at all.
 */
public record Approver(String name, @Nullable String person, Set<Permission> permissions) {

    public Approver {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(permissions);
    }

    public static Approver of(Authentication who) {
        String person = null;
        if (who.getPrincipal() instanceof ApiKeyPrincipal key) {
            person = key.userName() == null ? null : "user:" + key.userName();
        } else if (who.getName().startsWith("user:")) {
            person = who.getName(); // a dashboard session
        }
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        for (GrantedAuthority authority : who.getAuthorities()) {
            for (Permission p : Permission.values()) {
                if (p.authority().equals(authority.getAuthority())) {
                    granted.add(p);
                }
            }
        }
        return new Approver(who.getName(), person, granted);
    }

    /** The person, or the caller's own name when no person stands behind it (it can then approve nothing). */
    String personOrName() {
        return person != null ? person : name;
    }
}
