package dev.vigil.respond;

import dev.vigil.ServerSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The set-up every integration test of the Defender API shares: Vigil on a random port with no first admin
 * key (each test makes its own through {@link TestKeys}) and no triage workers, so alerts a test stores stay
 * as it left them; the database; and {@link #api}, a client of the contoso tenant's API made before each
 * test. A test adds its own properties with {@code @TestPropertySource}, its schema and fake with {@link
 * #register}, and may point {@link #api} elsewhere in its own {@code @BeforeEach}, which runs after this one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
@Import(TestKeys.class)
public abstract class DefenderServerSetup {

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestKeys keys;

    @Autowired
    protected JdbcTemplate jdbc;

    protected final JsonMapper json = JsonMapper.builder().build();

    protected DefenderApiClient api;

    @BeforeEach
    protected void connect() {
        api = DefenderApiClient.contoso(port);
    }

    /**
     * A fresh PostgreSQL schema named from the prefix, the fake as Defender for the tenant contoso, and a
     * short retry back-off, so that tests of retries do not wait.
     */
    protected static void register(DynamicPropertyRegistry registry, String schemaPrefix, FakeDefender fake) {
        ServerSchemas.register(registry, schemaPrefix);
        fake.register(registry);
        registry.add("vigil.defender.retry-backoff", () -> "10ms");
    }
}
