package dev.vigil.access.audit;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test at the PostgreSQL server on 127.0.0.1:5432 (database {@code test}), in a fresh schema
 * of its own. {@code VIGIL_TEST_DB_URL} may name another server.
 */
final class AuditDatabase {

    static final String URL =
            System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres");

    private AuditDatabase() {}

    /** Registers a new schema and returns its name. */
    static String register(DynamicPropertyRegistry registry) {
        String schema =
                "vigil_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        registry.add("spring.datasource.url", () -> url(schema));
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
        return schema;
    }

    static String url(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
