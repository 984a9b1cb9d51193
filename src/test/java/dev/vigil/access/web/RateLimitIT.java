package dev.vigil.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.VigilApplication;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.KeyScope;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Role;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rate limits over real HTTP, on two Vigil instances (two application contexts) sharing one PostgreSQL
 * server, as two instances behind a load balancer share one. Small limits: analysts 3 per hour (no
 * refill during the test), engineers 2 per second (refill observable), the ingest endpoint 5 per hour,
 * unauthenticated callers 4 per hour per client IP; ingest buckets settle every request here (the shipped
 * default lets an instance spend 100 ingest tokens locally first). Forwarded headers are trusted from loopback, so each
 * test is its own client IP.
 */
class RateLimitIT {

    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private static final AtomicInteger nextIp = new AtomicInteger(1);
    private static EmbeddedPostgres database;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() throws IOException {
        // A PostgreSQL of the test's own (the same binaries Vigil embeds), so both instances share it
        // without depending on the shared server's free connections.
        database = EmbeddedPostgres.start();
        String url = database.getJdbcUrl("postgres", "postgres");
        for (int i = 0; i < 2; i++) {
            // Arguments, not default properties: they must outrank application.yml.
            instances.add(new SpringApplicationBuilder(VigilApplication.class)
                    .run(
                            "--server.port=0",
                            "--server.address=127.0.0.1",
                            "--server.forward-headers-strategy=native",
                            "--spring.datasource.url=" + url,
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.hikari.maximum-pool-size=6",
                            "--vigil.access.create-first-admin-key=false",
                            "--vigil.triage.workers=0",
                            "--vigil.rate-limit.roles.analyst.capacity=3",
                            "--vigil.rate-limit.roles.analyst.period=1h",
                            "--vigil.rate-limit.roles.engineer.capacity=2",
                            "--vigil.rate-limit.roles.engineer.period=1s",
                            "--vigil.rate-limit.ingest-endpoint.capacity=5",
                            "--vigil.rate-limit.ingest-endpoint.period=1h",
                            "--vigil.rate-limit.ingest-keys.capacity=7",
                            "--vigil.rate-limit.ingest-keys.period=1h",
                            "--vigil.rate-limit.anonymous.capacity=4",
                            "--vigil.rate-limit.anonymous.period=1h",
                            // Exact ingest buckets too, so counts across the two instances are exact.
                            "--vigil.rate-limit.sync.max-unsynchronized-tokens=0"));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        instances.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() throws Exception {
        String key = key(Role.ANALYST);
        HttpResponse<String> first = get(0, "/api/v1/queues", key);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "RateLimit-Limit")).isEqualTo("3");
        assertThat(header(first, "RateLimit-Remaining")).isEqualTo("2");
        assertThat(header(first, "RateLimit-Policy")).isEqualTo("3;w=3600");
        assertThat(Long.parseLong(header(first, "RateLimit-Reset"))).isBetween(1L, 3600L);
        assertThat(header(get(0, "/api/v1/queues", key), "RateLimit-Remaining")).isEqualTo("1");
        // A 404 is a request too.
        HttpResponse<String> missing = get(0, "/api/v1/alerts/0190f5b2-0000-7000-8000-000000000000", key);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(header(missing, "RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void refusesWith429ProblemAndRetryAfterOnceTheCapacityIsUsed() throws Exception {
        String key = key(Role.ANALYST);
        for (int i = 0; i < 3; i++) {
            assertThat(get(0, "/api/v1/queues", key).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = get(0, "/api/v1/queues", key);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"status\":429", "urn:vigil:problem:rate-limited");
        long retryAfter = Long.parseLong(header(refused, "Retry-After"));
        // One token per 1200 s (3 per hour).
        assertThat(retryAfter).isBetween(1000L, 1200L);
        assertThat(header(refused, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(refused, "RateLimit-Limit")).isEqualTo("3");
        // Another key of the same role has its own bucket.
        assertThat(get(0, "/api/v1/queues", key(Role.ANALYST)).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensRefillOverThePeriod() throws Exception {
        String key = key(Role.ENGINEER);
        int refusedAt = -1;
        for (int i = 0; i < 10 && refusedAt < 0; i++) {
            if (get(0, "/api/v1/queues", key).statusCode() == 429) {
                refusedAt = i;
            }
        }
        assertThat(refusedAt).as("the engineer bucket (2 per second) runs dry").isBetween(2, 9);
        Thread.sleep(1100);
        HttpResponse<String> again = get(0, "/api/v1/queues", key);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(header(again, "RateLimit-Remaining")).isEqualTo("1");
    }

    @Test
    void twoInstancesSpendFromOneBucket() throws Exception {
        String key = key(Role.ANALYST);
        assertThat(get(0, "/api/v1/queues", key).statusCode()).isEqualTo(200);
        assertThat(header(get(1, "/api/v1/queues", key), "RateLimit-Remaining")).isEqualTo("1");
        assertThat(get(0, "/api/v1/queues", key).statusCode()).isEqualTo(200);
        assertThat(get(1, "/api/v1/queues", key).statusCode()).isEqualTo(429);
        assertThat(get(0, "/api/v1/queues", key).statusCode()).isEqualTo(429);
    }

    @Test
    void theIngestEndpointHasABucketOfItsOwn() throws Exception {
        String key = key(Role.ANALYST);
        for (int i = 0; i < 3; i++) {
            get(i % 2, "/api/v1/queues", key);
        }
        assertThat(get(0, "/api/v1/queues", key).statusCode()).isEqualTo(429);
        // Reading is used up; posting alerts is not.
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> posted = post(i % 2, "/api/v1/alerts", key, "{\"what\": \"is this\"}");
            assertThat(posted.statusCode()).as("post %d", i).isEqualTo(400);
            assertThat(header(posted, "RateLimit-Limit")).isEqualTo("5");
            assertThat(header(posted, "RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
        }
        assertThat(post(1, "/api/v1/alerts", key, "{}").statusCode()).isEqualTo(429);
    }

    @Test
    void aKeyScopedToIngestSpendsTheIngestKeysBucketOnBothInstances() throws Exception {
        String key = instances
                .get(0)
                .getBean(ApiKeys.class)
                .create(new NewApiKey(
                        "rl sensor " + UUID.randomUUID(), Role.ANALYST, null, null, Set.of(KeyScope.INGEST)))
                .key();
        for (int i = 0; i < 7; i++) {
            HttpResponse<String> posted = post(i % 2, "/api/v1/alerts", key, "{\"what\": \"is this\"}");
            assertThat(posted.statusCode()).as("post %d", i).isEqualTo(400);
            assertThat(header(posted, "RateLimit-Limit")).isEqualTo("7");
            assertThat(header(posted, "RateLimit-Remaining")).isEqualTo(Integer.toString(6 - i));
        }
        assertThat(post(1, "/api/v1/alerts", key, "{}").statusCode()).isEqualTo(429);
    }

    @Test
    void unauthenticatedRequestsAreLimitedPerClientIp() throws Exception {
        String ip = nextIp();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get(i % 2, "/api/v1/queues", null, ip);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(header(response, "RateLimit-Limit")).isEqualTo("4");
        }
        HttpResponse<String> refused = get(0, "/api/v1/queues", null, ip);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "Retry-After")).isNotBlank();
        // Another client IP is not affected, nor is health.
        assertThat(get(0, "/api/v1/queues", null, nextIp()).statusCode()).isEqualTo(401);
        assertThat(get(0, "/actuator/health", null, ip).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongKeysSpendTheClientIpsBucketAndGuessingIsThenRefused() throws Exception {
        String ip = nextIp();
        String wrong = "vgl_" + "A".repeat(43);
        for (int i = 0; i < 4; i++) {
            assertThat(get(i % 2, "/api/v1/queues", wrong, ip).statusCode()).isEqualTo(401);
        }
        // The bucket is empty: the next failure on each instance teaches it to refuse the IP outright.
        assertThat(get(0, "/api/v1/queues", wrong, ip).statusCode()).isEqualTo(401);
        assertThat(get(1, "/api/v1/queues", wrong, ip).statusCode()).isEqualTo(401);
        for (int instance = 0; instance < 2; instance++) {
            HttpResponse<String> refused = get(instance, "/api/v1/queues", wrong, ip);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(header(refused, "Retry-After"))).isPositive();
            // Refused before the key is even looked at: a right key from that IP waits too.
            assertThat(get(instance, "/api/v1/queues", key(Role.ADMIN), ip).statusCode())
                    .isEqualTo(429);
        }
        assertThat(get(0, "/api/v1/queues", key(Role.ADMIN), nextIp()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void concurrentFirstRequestsOfANewCallerOnTwoInstancesSpendExactlyTheCapacity() throws Exception {
        String key = key(Role.ANALYST);
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sent.add(http.sendAsync(
                    HttpRequest.newBuilder(uri(i % 2, "/api/v1/alerts"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        Set<String> remaining = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> future : sent) {
            HttpResponse<String> response = future.get();
            statuses.add(response.statusCode());
            if (response.statusCode() != 429) {
                remaining.add(header(response, "RateLimit-Remaining"));
            }
        }
        // The ingest endpoint's bucket holds 5 (per hour): 5 go through (400: "{}" is no alert), 11 wait,
        // and each of the 5 spent a token of its own, though they arrived at once on two instances.
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(11);
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(5);
        assertThat(remaining).containsExactlyInAnyOrder("0", "1", "2", "3", "4");
    }

    @Test
    void healthIsNeverLimited() throws Exception {
        String ip = nextIp();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> health = get(0, "/actuator/health", null, ip);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("RateLimit-Limit")).isEmpty();
        }
    }

    private String key(Role role) {
        return instances
                .get(0)
                .getBean(ApiKeys.class)
                .create("rl " + UUID.randomUUID(), role)
                .key();
    }

    private static String nextIp() {
        return "198.51.100." + nextIp.getAndIncrement();
    }

    private HttpResponse<String> get(int instance, String path, String key) throws Exception {
        return get(instance, path, key, "203.0.113.1");
    }

    private HttpResponse<String> get(int instance, String path, String key, String clientIp) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, path))
                .timeout(Duration.ofSeconds(20))
                .header("X-Forwarded-For", clientIp);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int instance, String path, String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(instance, path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int instance, String path) {
        String port = instances.get(instance).getEnvironment().getProperty("local.server.port");
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
