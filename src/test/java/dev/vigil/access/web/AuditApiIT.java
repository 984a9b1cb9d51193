package dev.vigil.access.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.CreatedApiKey;
import dev.vigil.access.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Request auditing and {@code GET /api/v1/audit} over real HTTP against the PostgreSQL server on
 * 127.0.0.1:5432, in a schema of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
class AuditApiIT {

    private static final String ALERT = """
            {"id":"da638000000000000099_%s","severity":"High","status":"New","category":"CredentialAccess",\
            "title":"Suspicious LSASS access","alertCreationTime":"2026-11-21T08:00:00Z"}""";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String schema = "vigil_auditapi_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add(
                "spring.datasource.username", () -> System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres"));
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private CreatedApiKey analyst;
    private CreatedApiKey admin;

    @BeforeEach
    void keys() {
        analyst = keys.create("analyst " + UUID.randomUUID(), Role.ANALYST);
        admin = keys.create("admin " + UUID.randomUUID(), Role.ADMIN);
    }

    @Test
    void aPostIsAuditedWithItsCallerPathAndOutcomeButNotItsQueryString() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/alerts?format=defender&token=s3cret"))
                .header("Authorization", "Bearer " + analyst.key())
                .header("Content-Type", "application/json")
                .header("User-Agent", "sensor/1.0")
                .POST(HttpRequest.BodyPublishers.ofString(ALERT.formatted(UUID.randomUUID()))));
        assertThat(response.statusCode()).isEqualTo(202);

        String actor = "key:" + analyst.info().id();
        Map<String, Object> row = await().atMost(Duration.ofSeconds(10))
                .until(() -> rowsOf(actor), rows -> rows.size() == 1)
                .get(0);
        assertThat(row)
                .containsEntry("action", "http.post")
                .containsEntry("target", "/api/v1/alerts")
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("ip", "127.0.0.1")
                .containsEntry("user_agent", "sensor/1.0");
        assertThat(row.get("details").toString()).isEqualTo("{\"status\": \"202\"}");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where target like '%s3cret%' or details::text like '%s3cret%'",
                        Long.class))
                .isZero();
    }

    @Test
    void aGetIsNotAudited() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/alerts"))
                .header("Authorization", "Bearer " + analyst.key())
                .GET());
        assertThat(response.statusCode()).isEqualTo(200);
        // A POST after it is audited; once its row is there, the GET would have been too.
        post(analyst, "/api/v1/alerts", ALERT.formatted(UUID.randomUUID()));

        String actor = "key:" + analyst.info().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsOf(actor), rows -> rows.size() == 1);
        assertThat(rowsOf(actor)).extracting(r -> r.get("action")).containsExactly("http.post");
    }

    @Test
    void aPostWithoutCredentialsIsAuditedAsDeniedToAnonymous() throws Exception {
        String path = "/api/v1/alerts/" + UUID.randomUUID() + "/feedback";
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "select actor, outcome, details->>'status' as status from audit_log where target = ?",
                                path))
                        .containsExactly(Map.of("actor", "anonymous", "outcome", "DENIED", "status", "401")));
    }

    @Test
    void aRefusedKeyIsAuditedWithItsFirstEightCharactersOnly() throws Exception {
        String wrong = "vgl_" + "Q".repeat(43);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/alerts"))
                .header("Authorization", "Bearer " + wrong)
                .GET());
        assertThat(response.statusCode()).isEqualTo(401);

        assertThat(jdbc.queryForList(
                        "select actor, target, outcome from audit_log where action = 'auth.failed' and target = ?",
                        wrong.substring(0, 8)))
                .containsExactly(Map.of("actor", "anonymous", "target", "vgl_QQQQ", "outcome", "DENIED"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where target like '%QQQQQQQQQ%' or details::text like '%QQQQQQQQQ%'",
                        Long.class))
                .isZero();
    }

    @Test
    void aNonAdminGetsForbidden() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/audit"))
                .header("Authorization", "Bearer " + analyst.key())
                .GET());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/audit?format=ndjson"))
                                .header(
                                        "Authorization",
                                        "Bearer "
                                                + keys.create("engineer", Role.ENGINEER)
                                                        .key())
                                .GET())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void adminsFilterAndPageNewestFirst() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 5; i++) {
            post(analyst, "/api/v1/alerts", ALERT.formatted(UUID.randomUUID()));
        }
        post(analyst, "/api/v1/alerts", "not json at all");
        String actor = "key:" + analyst.info().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsOf(actor), rows -> rows.size() == 6);

        JsonNode failures = getJson("/api/v1/audit?actor=" + enc(actor) + "&outcome=failure");
        assertThat(failures.path("items")).hasSize(1);
        assertThat(failures.path("items").get(0).path("details").path("status").asString())
                .isEqualTo("400");

        JsonNode first = getJson("/api/v1/audit?actor=" + enc(actor) + "&action=http.post&limit=4&since=" + before);
        assertThat(first.path("items")).hasSize(4);
        List<Long> seqs = first.path("items")
                .valueStream()
                .map(n -> n.path("seq").asLong())
                .toList();
        assertThat(seqs).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        String cursor = first.path("nextCursor").asString();
        JsonNode second = getJson("/api/v1/audit?actor=" + enc(actor) + "&action=http.post&limit=4&since=" + before
                + "&cursor=" + cursor);
        assertThat(second.path("items")).hasSize(2);
        assertThat(second.path("nextCursor").isNull()).isTrue();
        assertThat(second.path("items").get(0).path("seq").asLong()).isLessThan(seqs.get(3));

        assertThat(getJson("/api/v1/audit?actor=" + enc(actor) + "&target=/api/v1/al")
                        .path("items"))
                .hasSize(6);
        assertThat(getJson("/api/v1/audit?actor=" + enc(actor) + "&until=" + before)
                        .path("items"))
                .isEmpty();
        assertThat(getJson("/api/v1/audit?actor=" + enc(actor) + "&action=http.delete")
                        .path("items"))
                .isEmpty();
    }

    @Test
    void badFiltersAreProblems() throws Exception {
        for (String query : List.of(
                "since=yesterday",
                "until=2026-13-01",
                "limit=501",
                "limit=0",
                "limit=ten",
                "outcome=MAYBE",
                "cursor=abc",
                "format=xml",
                "actor=" + "a".repeat(600))) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/audit?" + query))
                    .header("Authorization", "Bearer " + admin.key())
                    .GET());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
            assertThat(json.readTree(response.body()).path("detail").asString())
                    .as(query)
                    .isNotBlank();
        }
    }

    @Test
    void exportsTheFilteredLogAsNdjsonInChainOrder() throws Exception {
        for (int i = 0; i < 3; i++) {
            post(analyst, "/api/v1/alerts", ALERT.formatted(UUID.randomUUID()));
        }
        String actor = "key:" + analyst.info().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsOf(actor), rows -> rows.size() == 3);

        for (HttpRequest.Builder request : List.of(
                HttpRequest.newBuilder(uri("/api/v1/audit?actor=" + enc(actor)))
                        .header("Accept", "application/x-ndjson"),
                HttpRequest.newBuilder(uri("/api/v1/audit?format=ndjson&actor=" + enc(actor))))) {
            HttpResponse<String> response = send(
                    request.header("Authorization", "Bearer " + admin.key()).GET());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
            List<JsonNode> lines = response.body().lines().map(json::readTree).toList();
            assertThat(lines).hasSize(3);
            assertThat(lines)
                    .allSatisfy(
                            line -> assertThat(line.path("actor").asString()).isEqualTo(actor));
            assertThat(lines.stream().map(l -> l.path("seq").asLong()).toList()).isSorted();
            assertThat(lines.get(0).path("hash").asString()).hasSize(64);
        }

        HttpResponse<String> everything = send(HttpRequest.newBuilder(uri("/api/v1/audit?format=ndjson"))
                .header("Authorization", "Bearer " + admin.key())
                .GET());
        List<JsonNode> chain = everything.body().lines().map(json::readTree).toList();
        assertThat(chain).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).path("prevHash").asString())
                    .isEqualTo(chain.get(i - 1).path("hash").asString());
        }
    }

    private List<Map<String, Object>> rowsOf(String actor) {
        return jdbc.queryForList(
                "select action, target, outcome, ip, user_agent, details::text as details from audit_log"
                        + " where actor = ? order by seq",
                actor);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + admin.key())
                .GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void post(CreatedApiKey key, String path, String body) throws Exception {
        send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + key.key())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
