package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.notify.summary.SummaryFixture;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code vigil summary --preview} against the PostgreSQL server on 127.0.0.1:5432, in a schema of its own. */
class SummaryCommandIT {

    private static final String SERVER =
            System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres");
    private static final Map<String, String> PROPERTIES =
            Map.of("spring.datasource.username", USER, "spring.flyway.create-schemas", "true");
    private static final String[] FIXTURE_PERIOD = {"--from", "2026-11-23T08:00:00Z", "--to", "2026-11-24T08:00:00Z"};

    private final String schema =
            "vigil_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String url = SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + schema;

    @BeforeEach
    void pointVigilAtTheSchema() {
        PROPERTIES.forEach(System::setProperty);
        System.setProperty("spring.datasource.url", url);
        System.setProperty("spring.flyway.schemas", schema);
    }

    @AfterEach
    void forgetTheSchema() {
        PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("spring.datasource.url");
        System.clearProperty("spring.flyway.schemas");
    }

    @Test
    void previewPrintsTheTotalsAsTextAndJson() {
        CommandRun empty = new CommandRun();
        assertThat(empty.run(concat("summary", "--preview")))
                .as(empty.err.toString())
                .isZero();
        assertThat(empty.out.toString()).contains("Alerts: 0").contains("False-positive rate: n/a");

        SummaryFixture.insert(new JdbcTemplate(new DriverManagerDataSource(url, USER, "")));

        CommandRun text = new CommandRun();
        assertThat(text.run(concat("summary", "--preview")))
                .as(text.err.toString())
                .isZero();
        assertThat(text.out.toString())
                .contains("Vigil summary 2026-11-23 08:00 UTC to 2026-11-24 08:00 UTC")
                .contains("Alerts: 6 (+2 (+50.0%) against the previous period, 4)")
                .containsPattern("CRITICAL +1  \\+1")
                .containsPattern("impact +1")
                .containsPattern("srv-db-01 +3")
                .contains("Mean time to acknowledge: 15m 00s (2 acknowledged)")
                .contains("False-positive rate: 50.0% (1 of 2 closed)");

        CommandRun json = new CommandRun();
        assertThat(json.run(concat("summary", "--preview", "--json")))
                .as(json.err.toString())
                .isZero();
        assertThat(json.out.toString()).containsPattern("\"alerts\" : 6").contains("\"T1003.001\"");
    }

    @Test
    void aReversedPeriodIsAUsageError() {
        CommandRun vigil = new CommandRun();
        int exit = vigil.run("summary", "--preview", "--from", "2026-11-24T08:00:00Z", "--to", "2026-11-23T08:00:00Z");
        assertThat(exit).isEqualTo(VigilCommandLine.INPUT_ERROR);
        assertThat(vigil.err.toString()).contains("'from' must be before 'to'");
    }

    private static String[] concat(String... first) {
        String[] all = new String[first.length + FIXTURE_PERIOD.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(FIXTURE_PERIOD, 0, all, first.length, FIXTURE_PERIOD.length);
        return all;
    }
}
