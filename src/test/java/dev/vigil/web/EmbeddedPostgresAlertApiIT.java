package dev.vigil.web;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The alert API on Vigil's default: the embedded PostgreSQL, in a fresh data directory. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", AlertApiContract.TEST_RULES})
class EmbeddedPostgresAlertApiIT extends AlertApiContract {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("vigil-it-").toString();
        registry.add("vigil.data-dir", () -> dir);
    }
}
