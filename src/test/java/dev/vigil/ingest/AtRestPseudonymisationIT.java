package dev.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.access.PiiField;
import dev.vigil.access.PiiVault;
import dev.vigil.alert.SourceFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With vigil.pii.at-rest on, what PostgreSQL holds is pseudonymised, and consistently so. */
@SpringBootTest(
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            "spring.datasource.hikari.maximum-pool-size=4",
            "vigil.pii.at-rest=true",
            "vigil.pii.key=BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU="
        })
@DirtiesContext
class AtRestPseudonymisationIT {

    private static final String MDE_ALERT = """
            {"id":"%s","severity":"High","status":"New","category":"CredentialAccess",\
            "title":"Suspicious LSASS access by alice","alertCreationTime":"2026-11-21T08:00:00Z","machineId":"7e4f5061",\
            "computerDnsName":"srv-db-01","relatedUser":{"userName":"alice","domainName":"CONTOSO"}}""";

    private static final Pattern USER_TOKEN = Pattern.compile("USER-[0-9A-Z]{" + PiiField.TOKEN_CHARS + "}");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_pii_rest_");
    }

    @Autowired
    AlertIntake intake;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PiiVault vault;

    @Test
    void storedAlertsHoldTokensNotValuesAndTheSameUserGetsTheSameToken() {
        String first = stored("da638000000000000001_1");
        String second = stored("da638000000000000002_1");

        Map<String, Object> row =
                jdbc.queryForMap("select title, entities::text as entities, raw from alert where id = ?::uuid", first);
        String everything = row.values().toString();
        assertThat(everything).doesNotContainIgnoringCase("alice").doesNotContainIgnoringCase("srv-db-01");
        assertThat((String) row.get("title")).matches("Suspicious LSASS access by USER-[0-9A-Z]+");
        assertThat(everything).contains("HOST-");

        String token = firstUserToken(everything);
        assertThat(jdbc.queryForObject("select raw from alert where id = ?::uuid", String.class, second))
                .contains("\"userName\":\"" + token + "\"");
        assertThat(vault.detokenise(token)).contains("alice");
    }

    private String stored(String nativeId) {
        IntakeResult result = intake.accept(
                MDE_ALERT.formatted(nativeId).getBytes(StandardCharsets.UTF_8),
                SourceFormat.DEFENDER,
                new ParseContext(Instant.now(), null));
        assertThat(result.accepted()).isEqualTo(1);
        return result.ids().get(0).toString();
    }

    private static String firstUserToken(String text) {
        Matcher m = USER_TOKEN.matcher(text);
        assertThat(m.find()).isTrue();
        return m.group();
    }
}
