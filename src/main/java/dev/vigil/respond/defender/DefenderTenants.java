package dev.vigil.respond.defender;

import java.util.Set;

/** The configured tenant names, so a request for any other is refused before anything is called. */
public record DefenderTenants(Set<String> names) {

    public DefenderTenants {
        names = Set.copyOf(names);
    }

    public boolean contains(String name) {
        return names.contains(name);
    }
}
