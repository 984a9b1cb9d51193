package dev.vigil.web;

import dev.vigil.ServerSchemas;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alert API on a PostgreSQL server: the one on 127.0.0.1:5432 (database {@code test}), in a schema of
 * its own so runs never see each other's data. {@code VIGIL_TEST_DB_URL} may name another server.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", AlertApiContract.TEST_RULES})
class ServerPostgresAlertApiIT extends AlertApiContract {

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_it_");
    }
}
