package dev.vigil.access.apikey;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.CreatedApiKey;
import dev.vigil.access.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On the first start, when no admin key exists, creates one and prints it once on standard output (never
 * to the log), so the operator can create the other keys.
 */
@Component
@ConditionalOnProperty(name = "vigil.access.create-first-admin-key", havingValue = "true", matchIfMissing = true)
class FirstAdminKey implements ApplicationRunner {

    private final ApiKeys keys;

    FirstAdminKey(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!keys.hasActiveAdmin()) {
            CreatedApiKey created = keys.create("initial admin", Role.ADMIN);
            System.out.println("Admin API key: " + created.key());
            System.out.flush();
        }
    }
}
