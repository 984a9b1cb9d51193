package dev.vigil.respond.defender.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.access.PiiVault;
import dev.vigil.alert.Severity;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.FakeHunting;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code vigil.pii.at-rest} on, hunting alerts are stored pseudonymised like ingested ones; and with
 * {@code scheduler-enabled: false} only an explicit round runs the due queries.
 */
@SpringBootTest(
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            "vigil.pii.at-rest=true",
            "vigil.pii.key=BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU=",
            "vigil.defender.hunting.scheduler-enabled=false",
            "vigil.defender.hunting.tick=50ms"
        })
@DirtiesContext
class HuntingAtRestIT {

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final FakeHunting hunting = FakeHunting.on(fake);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_hunt_pii_");
        fake.register(registry);
    }

    @Autowired
    SavedQueries queries;

    @Autowired
    ScheduledHunts hunts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PiiVault vault;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void huntingAlertsAreStoredWithTokensNotNames() {
        Instant at = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        hunting.rows(
                "pii-kql",
                List.of(json.createObjectNode()
                        .put("Timestamp", at.toString())
                        .put("DeviceName", "srv-db-01")
                        .put("AccountName", "alice")
                        .put("ReportId", 9)));
        queries.create(
                new SavedQueryFields(
                        "contoso",
                        "pii",
                        null,
                        "DeviceLogonEvents | pii-kql",
                        null,
                        new Schedule(Duration.ofMinutes(5), Severity.LOW, true)),
                "test",
                Instant.now());

        assertThat(hunts.runDue(5)).isEqualTo(1);

        Map<String, Object> row = jdbc.queryForMap(
                "select title, entities::text as entities, raw, source from alert where source = 'hunting'");
        String everything = row.values().toString();
        assertThat(everything)
                .doesNotContain("alice")
                .doesNotContain("srv-db-01")
                .contains("HOST-");
        Matcher token = Pattern.compile("USER-[0-9A-Z]+").matcher(everything);
        assertThat(token.find()).isTrue();
        assertThat(vault.detokenise(token.group())).contains("alice");
        assertThat(hunting.timespans("pii-kql")).hasSize(1);
    }
}
