package dev.vigil.access.web;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points the access ITs at the PostgreSQL server on 127.0.0.1:5432 (database {@code test}) in one schema per
 * test JVM, so the ITs share one application context. {@code VIGIL_TEST_DB_URL} may name another server.
 */
final class ServerDatabase {

    private static final String URL =
            System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String SCHEMA =
            "vigil_access_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private ServerDatabase() {}

    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        registry.add(
                "spring.datasource.username", () -> System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres"));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }
}
