package dev.vigil;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test at the PostgreSQL server on 127.0.0.1:5432 (database {@code test}), in a fresh schema
 * of its own, so runs never see each other's data. {@code VIGIL_TEST_DB_URL} and {@code VIGIL_TEST_DB_USER}
 * may name another server.
 */
public final class ServerSchemas {

    public static final String URL =
            System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres");

    private ServerSchemas() {}

    /** Registers a new schema named {@code prefix} + 12 random hex digits, and returns its name. */
    public static String register(DynamicPropertyRegistry registry, String prefix) {
        String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        registry.add("spring.datasource.url", () -> url(schema));
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
        return schema;
    }

    public static String url(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
