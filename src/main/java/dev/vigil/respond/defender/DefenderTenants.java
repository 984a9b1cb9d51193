package dev.vigil.respond.defender;

import java.util.Set;

/** The configured tenant names, so a request for any other is refused before anything is called. */
record DefenderTenants(Set<String> names) {

    DefenderTenants {
        names = Set.copyOf(names);
    }

    boolean contains(String name) {
        return names.contains(name);
    }
}
