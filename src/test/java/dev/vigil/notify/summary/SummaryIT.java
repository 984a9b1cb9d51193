package dev.vigil.notify.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.ServerSchemas;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The summary's figures against a known fixture, on the PostgreSQL server on 127.0.0.1:5432 (a schema of
 * its own), and its endpoints over real HTTP.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
class SummaryIT {

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_sum_");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SummaryReports reports;

    @Autowired
    ApiKeys keys;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void fixture() {
        jdbc.update("delete from alert_technique");
        jdbc.update("delete from alert");
        SummaryFixture.insert(jdbc);
    }

    @Test
    void everyFigureOfTheFixture() {
        SummaryReport r = reports.report(SummaryFixture.PERIOD);

        assertThat(r.from()).isEqualTo(SummaryFixture.PERIOD.from());
        assertThat(r.totals().alerts()).isEqualTo(6);
        assertThat(r.totals().byClass())
                .containsExactly(
                        entry("LOW", 2L),
                        entry("MEDIUM", 1L),
                        entry("HIGH", 1L),
                        entry("CRITICAL", 1L),
                        entry("UNSCORED", 1L));
        assertThat(r.totals().bySeverity())
                .containsExactly(
                        entry("INFO", 1L),
                        entry("LOW", 1L),
                        entry("MEDIUM", 2L),
                        entry("HIGH", 2L),
                        entry("CRITICAL", 0L));
        assertThat(r.totals().bySource())
                .containsOnly(entry("defender", 2L), entry("suricata", 2L), entry("sysmon", 2L));
        assertThat(r.categories())
                .containsExactly(
                        entry("impact", 1L),
                        entry("exfiltration", 0L),
                        entry("command-and-control", 0L),
                        entry("lateral-movement", 0L),
                        entry("credential-access", 1L),
                        entry("malware", 1L),
                        entry("persistence-privilege", 0L),
                        entry("reconnaissance", 1L),
                        entry("policy", 1L),
                        entry("other", 1L));
        assertThat(r.topTechniques())
                .containsExactly(
                        new SummaryReport.Ranked("T1003.001", 2),
                        new SummaryReport.Ranked("T1059", 1),
                        new SummaryReport.Ranked("T1087", 1),
                        new SummaryReport.Ranked("T1486", 1));
        assertThat(r.topHosts())
                .containsExactly(
                        new SummaryReport.Ranked("srv-db-01", 3),
                        new SummaryReport.Ranked("WORKSTATION5", 2),
                        new SummaryReport.Ranked("10.0.0.5", 1));
        assertThat(r.topUsers())
                .containsExactly(
                        new SummaryReport.Ranked("bob", 3),
                        new SummaryReport.Ranked("CONTOSO\\alice", 2),
                        new SummaryReport.Ranked("S-1-5-21-1", 1));
        assertThat(r.notable()).extracting(SummaryReport.Notable::riskScore).containsExactly(95, 80, 50, 20, 10, null);
        SummaryReport.Notable first = r.notable().get(0);
        assertThat(first.id()).isEqualTo(SummaryFixture.A1);
        assertThat(first.title()).isEqualTo("Ransomware behaviour");
        assertThat(first.riskClass()).isEqualTo("CRITICAL");
        assertThat(first.queue()).isEqualTo("priority");
        assertThat(r.acknowledgement().acknowledged()).isEqualTo(2);
        assertThat(r.acknowledgement().meanSeconds()).isEqualTo(900.0);
        assertThat(r.falsePositives()).isEqualTo(new SummaryReport.FalsePositives(1, 2, 0.5));
        assertThat(r.previous().alerts()).isEqualTo(4);
        assertThat(r.previous().from())
                .isEqualTo(SummaryFixture.PERIOD.previous().from());
        assertThat(r.previous().byClass()).containsEntry("HIGH", 2L).containsEntry("LOW", 2L);
        assertThat(r.change().alerts()).isEqualTo(new SummaryReport.Delta(2, 50.0));
        assertThat(r.change().byClass())
                .containsEntry("HIGH", new SummaryReport.Delta(-1, -50.0))
                .containsEntry("LOW", new SummaryReport.Delta(0, 0.0))
                .containsEntry("CRITICAL", new SummaryReport.Delta(1, null))
                .containsEntry("UNSCORED", new SummaryReport.Delta(1, null));
    }

    @Test
    void anEmptyPeriodIsAValidReportOfZeros() {
        SummaryReport r = reports.report(
                new SummaryPeriod(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-02T00:00:00Z")));

        assertThat(r.totals().alerts()).isZero();
        assertThat(r.totals().byClass())
                .hasSize(5)
                .allSatisfy((k, v) -> assertThat(v).isZero());
        assertThat(r.totals().bySeverity())
                .hasSize(5)
                .allSatisfy((k, v) -> assertThat(v).isZero());
        assertThat(r.totals().bySource()).isEmpty();
        assertThat(r.categories())
                .hasSize(ThreatCategory.values().length)
                .allSatisfy((k, v) -> assertThat(v).isZero());
        assertThat(r.topTechniques()).isEmpty();
        assertThat(r.topHosts()).isEmpty();
        assertThat(r.topUsers()).isEmpty();
        assertThat(r.notable()).isEmpty();
        assertThat(r.acknowledgement()).isEqualTo(new SummaryReport.Acknowledgement(0, null));
        assertThat(r.falsePositives()).isEqualTo(new SummaryReport.FalsePositives(0, 0, null));
        assertThat(r.change().alerts()).isEqualTo(new SummaryReport.Delta(0, null));
    }

    @Test
    void anAnalystReadsTheSummaryAsJson() throws Exception {
        HttpResponse<String> response =
                get("/api/v1/reports/summary?from=2026-11-23T08:00:00Z&to=2026-11-24T08:00:00Z", key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("from").asString()).isEqualTo("2026-11-23T08:00:00Z");
        assertThat(body.path("totals").path("alerts").asLong()).isEqualTo(6);
        assertThat(body.path("totals").path("byClass").path("CRITICAL").asLong())
                .isEqualTo(1);
        assertThat(body.path("categories").path("impact").asLong()).isEqualTo(1);
        assertThat(body.path("topHosts").get(0).path("name").asString()).isEqualTo("srv-db-01");
        assertThat(body.path("notable").get(0).path("id").asString()).isEqualTo(SummaryFixture.A1);
        assertThat(body.path("falsePositives").path("rate").asDouble()).isEqualTo(0.5);
        assertThat(body.path("change").path("alerts").path("percent").asDouble())
                .isEqualTo(50.0);
    }

    @Test
    void withoutAKeyTheSummaryIsRefused() throws Exception {
        assertThat(get("/api/v1/reports/summary", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/reports/summary/chart.png", null).statusCode()).isEqualTo(401);
    }

    @Test
    void badPeriodsAreProblems() throws Exception {
        String analyst = key(Role.ANALYST);
        for (String query : new String[] {
            "from=yesterday",
            "to=2026-11-24",
            "from=2026-11-24T08:00:00Z&to=2026-11-23T08:00:00Z",
            "from=2026-10-01T00:00:00Z&to=2026-11-02T00:00:00Z"
        }) {
            HttpResponse<String> response = get("/api/v1/reports/summary?" + query, analyst);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(response.body()).path("type").asString())
                    .isEqualTo("urn:vigil:problem:bad-request");
        }
    }

    @Test
    void theChartIsAPngWithBarsWhereAlertsAre() throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://localhost:" + port
                                                + "/api/v1/reports/summary/chart.png?from=2026-11-23T08:00:00Z&to=2026-11-24T08:00:00Z"))
                        .header("Authorization", "Bearer " + key(Role.ANALYST))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(image.getWidth()).isEqualTo(SummaryChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(SummaryChart.HEIGHT);
        // the CRITICAL alert arrived in the period's second hour: its bar is in the second of 24 slots
        assertThat(countColour(image, new Color(0x8e1b1b), 0, 60 + 2 * 810 / 24))
                .isPositive();
        assertThat(countColour(image, new Color(0x8e1b1b), 60 + 3 * 810 / 24, 870))
                .isZero();
    }

    @Test
    void sendingWithoutSlackConfiguredIsAProblemAndRecordsNoRun() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reports/summary/send"))
                        .header("Authorization", "Bearer " + key(Role.ENGINEER))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("type").asString())
                .isEqualTo("urn:vigil:problem:slack-not-configured");
        assertThat(jdbc.queryForObject("select count(*) from summary_run", Long.class))
                .isZero();
    }

    @Test
    void anEmptyChartHasNoBars() {
        byte[] png = new SummaryChart(jdbc)
                .png(
                        new SummaryPeriod(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-02T00:00:00Z")),
                        ZoneId.of("UTC"));
        BufferedImage image = read(png);
        assertThat(image.getWidth()).isEqualTo(1000);
        // plot area only (left of the legend): no bar colour anywhere
        assertThat(countColour(image, new Color(0xe0562b), 61, 869)).isZero();
        assertThat(countColour(image, new Color(0x4f8fc0), 61, 869)).isZero();
    }

    private static BufferedImage read(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long countColour(BufferedImage image, Color colour, int fromX, int toX) {
        long n = 0;
        for (int x = fromX; x < toX; x++) {
            for (int y = 40; y < image.getHeight() - 50; y++) {
                if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    private String key(Role role) {
        return keys.create("summary test " + UUID.randomUUID(), role).key();
    }

    private HttpResponse<String> get(String path, @org.jspecify.annotations.Nullable String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
