package dev.vigil.respond;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Role;
import dev.vigil.access.Users;
import java.util.Set;
import java.util.UUID;

/**
 * API keys for integration tests, each under a fresh name: a plain key of a role, or one bound to a user, so
 * that checks of "who" (approvals by a second person) see one person per {@link #person}. Add it to a test's
 * context with {@code @Import(TestKeys.class)}; it is not a component, so no other context picks it up.
 */
public class TestKeys {

    private final ApiKeys keys;
    private final Users users;

    public TestKeys(ApiKeys keys, Users users) {
        this.keys = keys;
        this.users = users;
    }

    /** A key of the role, owned by no user. */
    public String key(Role role) {
        return keys.create(name(), role).key();
    }

    /** A key bound to a new user of the role: one person. */
    public String person(Role role) {
        return keyOf(user(role), role);
    }

    /** A new user of the role, without password or e-mail; returns the name. */
    public String user(Role role) {
        String name = "person-" + UUID.randomUUID();
        users.create(name, role, null, null);
        return name;
    }

    /** Another key of an existing user: the same person again. */
    public String keyOf(String user, Role role) {
        return keys.create(new NewApiKey(name(), role, user, null, Set.of())).key();
    }

    private static String name() {
        return "test key " + UUID.randomUUID();
    }
}
