package dev.vigil.notify.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hourly counts the summary reads stay equal to what the alerts themselves say, through real ingest
 * (POST /api/v1/alerts, stored by the alert store) and real triage (the work queue's workers), status
 * changes, merges and deletes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=1",
            "vigil.summary.enabled=false"
        })
class SummaryCountsIT {

    /** Each hour's sums in summary_count, against the facts of that hour's alerts computed afresh. */
    private static final String DISAGREEMENTS = """
            select coalesce(c.hour, a.hour) as hour, coalesce(c.dimension, a.dimension) as dimension,
                   coalesce(c.value, a.value) as value, c.n as counted, a.n as actual
              from (select hour, dimension, value, sum(alerts) as n, sum(seconds) as s
                      from summary_count group by 1, 2, 3 having sum(alerts) <> 0 or sum(seconds) <> 0) c
              full join (select date_trunc('hour', x.received_at, 'UTC') as hour, f.dimension, f.value,
                                sum(f.alerts) as n, sum(f.seconds) as s
                           from alert x cross join lateral summary_facts(x) f group by 1, 2, 3) a
                on a.hour = c.hour and a.dimension = c.dimension and a.value is not distinct from c.value
             where c.n is distinct from a.n or abs(coalesce(c.s, 0) - coalesce(a.s, 0)) > 1e-6
            """;

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_sumcount_");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiKeys keys;

    @Autowired
    SummaryCounts counts;

    @Autowired
    SummaryReports reports;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCountsFollowIngestTriageStatusChangesMergesAndDeletes() throws Exception {
        String key =
                keys.create("summary counts " + UUID.randomUUID(), Role.ANALYST).key();
        ingest(key, "defender", "application/x-ndjson", "src/test/resources/samples/defender/alerts.ndjson");
        ingest(key, "suricata", "application/json", "src/test/resources/samples/suricata/eve.json");
        SummaryFixture.insert(jdbc);
        awaitTriage();
        assertThat(jdbc.queryForObject(
                        "select count(*) from alert where kind = 'ALERT' and triaged_at is not null", Long.class))
                .isPositive();
        assertThat(disagreements()).isEmpty();

        jdbc.update("update alert set status = 'FALSE_POSITIVE', acknowledged_at = received_at + interval '17 minutes'"
                + " where id in (select id from alert where kind = 'ALERT' order by id limit 3)");
        jdbc.update(
                "update alert set risk_class = 'CRITICAL', techniques = '[{\"id\":\"T1486\",\"tactics\":[\"impact\"]}]'"
                        + " where id in (select id from alert where kind = 'ALERT' order by id desc limit 2)");
        assertThat(disagreements()).isEmpty();

        SummaryReport before = reports.report(SummaryFixture.PERIOD);
        long unmerged = jdbc.queryForObject("select count(*) from summary_count where not merged", Long.class);
        assertThat(counts.merge(Instant.now().plusSeconds(7200))).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from summary_count where not merged", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from summary_count", Long.class))
                .isLessThan(unmerged);
        assertThat(disagreements()).isEmpty();
        assertThat(reports.report(SummaryFixture.PERIOD)).isEqualTo(before);

        jdbc.update("delete from work_item");
        jdbc.update("delete from alert_technique");
        jdbc.update("delete from alert");
        assertThat(disagreements()).isEmpty();
        counts.merge(Instant.now().plusSeconds(7200));
        assertThat(jdbc.queryForObject("select count(*) from summary_count", Long.class))
                .isZero();
    }

    private List<Map<String, Object>> disagreements() {
        return jdbc.queryForList(DISAGREEMENTS);
    }

    private void ingest(String key, String format, String contentType, String file) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts?format=" + format))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(Files.readString(Path.of(file))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private void awaitTriage() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (jdbc.queryForObject("select count(*) from work_item where queue <> 'failed'", Long.class) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("triage did not finish");
    }
}
