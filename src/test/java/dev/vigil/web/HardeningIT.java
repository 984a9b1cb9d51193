package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hardening as a client sees it, over real HTTP on Vigil's embedded PostgreSQL: security headers on every answer,
 * HSTS only behind TLS, input limits on every endpoint, and no internals in a 500. Forwarded headers are
 * trusted from loopback here, as behind a TLS-terminating proxy.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            "server.forward-headers-strategy=native",
            // Listed in test-secrets.txt: must never reach a log (the embedded server ignores it).
            "spring.datasource.password=vigil-test-db-password-7f3a9c"
        })
@Import(HardeningIT.Exploding.class)
class HardeningIT {

    private static final String CSP =
            "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JsonMapper applicationMapper;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String key;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("vigil-hardening-").toString();
        registry.add("vigil.data-dir", () -> dir);
    }

    @BeforeEach
    void createKey() {
        key = keys.create("hardening " + UUID.randomUUID(), Role.ADMIN).key();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> response :
                List.of(get("/api/v1/queues", key), get("/api/v1/queues", null), get("/actuator/health", null))) {
            assertThat(header(response, "Content-Security-Policy")).isEqualTo(CSP);
            assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(header(response, "X-Frame-Options")).isEqualTo("DENY");
            assertThat(header(response, "Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(header(response, "Cache-Control")).contains("no-store");
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .as("no HSTS over plain HTTP")
                    .isEmpty();
        }
    }

    @Test
    void hstsOnlyWhenTheRequestArrivedOverTls() throws Exception {
        HttpResponse<String> secure = send(request("/api/v1/queues", key)
                .header("X-Forwarded-Proto", "https")
                .GET()
                .build());
        assertThat(secure.statusCode()).isEqualTo(200);
        assertThat(header(secure, "Strict-Transport-Security")).startsWith("max-age=31536000");
        assertThat(header(secure, "Strict-Transport-Security")).contains("includeSubDomains");
    }

    @Test
    void anUnexpectedErrorAnswers500WithoutInternals() throws Exception {
        HttpResponse<String> response = get("/api/v1/test/explode", key);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(500);
        assertThat(problem.path("type").asString()).isEqualTo("urn:vigil:problem:internal");
        assertThat(response.body())
                .doesNotContain("IllegalStateException")
                .doesNotContain("Exploding")
                .doesNotContain("boom at db-7")
                .doesNotContain("jdbc:")
                .doesNotContain("\tat ")
                .doesNotContainIgnoringCase("trace")
                .doesNotContainIgnoringCase("exception");
    }

    @Test
    void refusesMalformedOrOversizedQueryParametersWithProblems() throws Exception {
        assertBadRequest("/api/v1/alerts?q=" + "a".repeat(AlertsController.MAX_QUERY_TEXT + 1), "q must be at most");
        assertBadRequest("/api/v1/alerts?q=" + encode("lsass\u0000dump"), "control characters");
        assertBadRequest("/api/v1/alerts?limit=0", "limit");
        assertBadRequest("/api/v1/alerts?limit=501", "limit");
        assertBadRequest("/api/v1/alerts?limit=lots", "limit");
        assertBadRequest("/api/v1/alerts?cursor=1-2-3-4-5", "cursor is not an alert id");
        assertBadRequest("/api/v1/alerts?cursor=not-a-cursor", "cursor is not an alert id");
        assertBadRequest("/api/v1/alerts?since=yesterday", "since");
        assertBadRequest("/api/v1/alerts?severity=apocalyptic", "unknown severity");
        assertBadRequest("/api/v1/alerts?technique=T1", "technique");
        assertBadRequest("/api/v1/alerts/1-2-3-4-5", "id is not an alert id");
        // A UUID that is not version 7 is no alert id either.
        assertBadRequest("/api/v1/alerts/" + UUID.randomUUID(), "id is not an alert id");
        // Within limits, the same parameters work.
        assertThat(get("/api/v1/alerts?q=" + "a".repeat(AlertsController.MAX_QUERY_TEXT) + "&limit=500", key)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void echoesOnlyAFewCharactersOfABadIngestFormat() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/alerts?format=" + "x".repeat(2000), key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown format").doesNotContain("x".repeat(100));
    }

    @Test
    void tomcatRefusesTooManyParametersAndOverlongRequestLines() throws Exception {
        String manyParameters =
                IntStream.range(0, 150).mapToObj(i -> "severity=high").collect(Collectors.joining("&"));
        assertThat(get("/api/v1/alerts?" + manyParameters, key).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/alerts?q=" + "a".repeat(9000), key).statusCode())
                .isIn(400, 414);
    }

    @Test
    void theApplicationMapperHasTightReadLimits() {
        String deep = "[".repeat(65) + "]".repeat(65);
        assertThatThrownBy(() -> applicationMapper.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        assertThat(applicationMapper.readTree("[".repeat(64) + "]".repeat(64))).isNotNull();
        String longNumber = "1".repeat(101);
        assertThatThrownBy(() -> applicationMapper.readTree(longNumber)).isInstanceOf(StreamConstraintsException.class);
        String longName = "{\"" + "n".repeat(1025) + "\": 1}";
        assertThatThrownBy(() -> applicationMapper.readTree(longName)).isInstanceOf(StreamConstraintsException.class);
    }

    private void assertBadRequest(String path, String detail) throws Exception {
        HttpResponse<String> response = get(path, key);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).as(path).contains(detail);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return send(request(path, key).GET().build());
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    /** A handler that fails the way a bug would: an unexpected exception with internals in its message. */
    @RestController
    static class Exploding {
        @GetMapping("/api/v1/test/explode")
        @RequiresPermission(Permission.STATUS_READ)
        String explode() {
            throw new IllegalStateException("boom at db-7 (jdbc:postgresql://db-7:5432/vigil)");
        }
    }
}
