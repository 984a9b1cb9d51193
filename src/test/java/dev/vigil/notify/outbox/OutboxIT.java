package dev.vigil.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ServerSchemas;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import dev.vigil.notify.slack.FakeSlack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * The Slack outbox end to end: alerts posted to Vigil over HTTP, triaged by its workers, recorded in the
 * outbox and sent by the dispatcher to the fake Slack over real HTTP, on the PostgreSQL server.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.slack.bot-token=" + OutboxIT.TOKEN,
            "vigil.slack.channel=C0SOC",
            "vigil.slack.timeout=1s",
            "vigil.notify.routes[0].tenant=contoso-emea",
            "vigil.notify.routes[0].channel=C0EMEA",
            "vigil.notify.first-retry=200ms",
            "vigil.notify.max-retry-wait=1s",
            "vigil.notify.lease=5s",
            "vigil.notify.poll-interval=200ms"
        })
class OutboxIT {

    static final String TOKEN = "xoxb-fake-slack-token-7c1e5b";

    static final FakeSlack slack = FakeSlack.start(TOKEN, "fakeWebhookSecret9f2d7a");

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_outbox_");
        registry.add("vigil.slack.api-url", () -> slack.apiUrl().toString());
    }

    @AfterAll
    static void stopSlack() {
        slack.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiKeys keys;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String key;
    private String engineerKey;

    @BeforeEach
    void keys() {
        key = keys.create("outbox test " + UUID.randomUUID(), Role.ANALYST).key();
        engineerKey = keys.create("outbox engineer " + UUID.randomUUID(), Role.ENGINEER)
                .key();
    }

    @AfterEach
    void settle() {
        slack.recover();
        slack.answerSlowly(Duration.ZERO);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(backlog()).as("the outbox empties").isZero());
    }

    @Test
    void aHighAlertIsPostedWithItsBlocksAndALowOneIsNot() throws Exception {
        String title = "Mimikatz credential theft " + UUID.randomUUID();
        UUID high = ingest(defenderAlert(title, "High", "srv-db-01"));
        UUID low = ingest(defenderAlert("Benign test alert " + UUID.randomUUID(), "Informational", "ws-01"));
        await().atMost(Duration.ofSeconds(20)).until(() -> triaged(high) && triaged(low));
        assertThat(riskClass(high))
                .as("precondition: the test alert is high risk")
                .isIn("HIGH", "CRITICAL");
        assertThat(riskClass(low)).isIn("LOW", "MEDIUM");

        FakeSlack.Request post =
                await().atMost(Duration.ofSeconds(20)).until(() -> postWithTitle(title), p -> p != null);
        assertThat(post.channel()).isEqualTo("C0SOC");
        assertThat(post.threadTs()).isNull();
        assertThat(post.body().path("blocks")).isNotEmpty();
        assertThat(post.body()
                        .path("metadata")
                        .path("event_payload")
                        .path("tag")
                        .asString())
                .isEqualTo("alert:" + high);
        assertThat(jdbc.queryForObject(
                        "select slack_ts from notification where alert_id = ? and kind = 'ALERT'", String.class, high))
                .isEqualTo(post.ts());
        assertThat(jdbc.queryForObject("select count(*) from notification where alert_id = ?", Integer.class, low))
                .as("a low alert waits for the summary")
                .isZero();
    }

    @Test
    void routesByTenantToItsChannel() throws Exception {
        String title = "Mimikatz in EMEA " + UUID.randomUUID();
        ingest(defenderAlert(title, "High", "srv-emea-01"), "contoso-emea");
        FakeSlack.Request post =
                await().atMost(Duration.ofSeconds(20)).until(() -> postWithTitle(title), p -> p != null);
        assertThat(post.channel()).isEqualTo("C0EMEA");
    }

    @Test
    void repeatsBecomeOneThreadReplyThatCounts() throws Exception {
        String title = "Mimikatz repeated " + UUID.randomUUID();
        UUID first = ingest(defenderAlert(title, "High", "srv-app-07"));
        FakeSlack.Request parent =
                await().atMost(Duration.ofSeconds(20)).until(() -> postWithTitle(title), p -> p != null);
        for (int i = 0; i < 3; i++) {
            ingest(defenderAlert(title, "High", "srv-app-07"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<FakeSlack.Request> thread = slack.accepted().stream()
                    .filter(r -> parent.ts().equals(r.threadTs()) || isUpdateOfReplyTo(r, parent.ts()))
                    .toList();
            assertThat(thread).isNotEmpty();
            assertThat(thread.get(thread.size() - 1).text()).isEqualTo("seen 3 more times in " + spanOf(first));
        });
        assertThat(slack.accepted().stream()
                        .filter(r -> r.call().equals("chat.postMessage") && r.threadTs() == null)
                        .filter(r -> r.text() != null && r.text().contains(title)))
                .as("one top-level message for four alerts")
                .hasSize(1);
        assertThat(slack.accepted().stream()
                        .filter(r -> r.call().equals("chat.postMessage")
                                && parent.ts().equals(r.threadTs())))
                .as("one thread reply, edited as the count grows")
                .hasSize(1);
    }

    @Test
    void slackDownThenBackDeliversEveryMessageOnceInOrder() throws Exception {
        slack.answerUnavailable();
        String run = UUID.randomUUID().toString();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(ingest(defenderAlert("Mimikatz outage " + i + " " + run, "High", "host-" + i)));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from notification where state = 'PENDING' and attempts >= 2",
                                Integer.class)
                        >= 1);
        assertThat(status().path("slack").path("reachable").asBoolean()).isFalse();
        assertThat(status().path("slack").path("backlog").asLong()).isGreaterThanOrEqualTo(5);
        slack.recover();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(postsOfRun(run)).hasSize(5));
        List<String> sentOrder = jdbc.queryForList(
                "select text from notification where kind = 'ALERT' and text like ? order by id",
                String.class,
                "%" + run + "%");
        assertThat(postsOfRun(run)).extracting(FakeSlack.Request::text).containsExactlyElementsOf(sentOrder);
        assertThat(status().path("slack").path("reachable").asBoolean()).isTrue();
    }

    @Test
    void rateLimitsAreWaitedOut() throws Exception {
        slack.answerRateLimited(2);
        String title = "Mimikatz rate limited " + UUID.randomUUID();
        ingest(defenderAlert(title, "High", "srv-rl-01"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.requests().stream()
                        .anyMatch(r -> r.status() == 429
                                && r.text() != null
                                && r.text().contains(title)));
        long refusedAt = System.nanoTime();
        slack.recover();
        await().atMost(Duration.ofSeconds(20)).until(() -> postWithTitle(title), p -> p != null);
        assertThat(Duration.ofNanos(System.nanoTime() - refusedAt))
                .as("the next try waited for Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(slack.requests().stream()
                        .filter(r -> r.status() == 429
                                && r.text() != null
                                && r.text().contains(title)))
                .as("no hammering while Slack said to wait")
                .hasSize(1);
    }

    @Test
    void aPermanentRefusalIsADeadLetterAtOnceAndCanBeReplayed() throws Exception {
        slack.answerError("not_in_channel");
        String title = "Mimikatz dead letter " + UUID.randomUUID();
        UUID id = ingest(defenderAlert(title, "High", "srv-dl-01"));
        JsonNode dead = await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterOf(id), d -> d != null);
        assertThat(dead.path("reason").asString()).isEqualTo("not_in_channel");
        assertThat(dead.path("attempts").asInt())
                .as("no retry of a permanent error")
                .isEqualTo(1);
        assertThat(dead.path("channel").asString()).isEqualTo("C0SOC");
        assertThat(slack.requests().stream()
                        .filter(r -> r.text() != null && r.text().contains(title)))
                .hasSize(1);
        assertThat(status().path("slack").path("deadLetters").asLong()).isGreaterThanOrEqualTo(1);

        HttpResponse<String> analyst =
                send(key, "/api/v1/notifications/dead/" + dead.path("id").asLong() + "/replay", "");
        assertThat(analyst.statusCode()).as("replay needs an engineer").isEqualTo(403);

        slack.recover();
        HttpResponse<String> replayed = send(
                engineerKey, "/api/v1/notifications/dead/" + dead.path("id").asLong() + "/replay", "");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(replayed.body()).path("replayed").get(0).asLong())
                .isEqualTo(dead.path("id").asLong());
        await().atMost(Duration.ofSeconds(20)).until(() -> postWithTitle(title), p -> p != null);
        assertThat(deadLetterOf(id)).isNull();
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where action = 'notification.replay' and target = ?",
                        Integer.class,
                        "dead-letter:" + dead.path("id").asLong()))
                .isEqualTo(1);

        HttpResponse<String> again = send(
                engineerKey, "/api/v1/notifications/dead/" + dead.path("id").asLong() + "/replay", "");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(send(engineerKey, "/api/v1/notifications/dead/replay", "{}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aPostWhoseAnswerWasLostIsNotPostedTwice() throws Exception {
        // Slack posts the message but answers after Vigil's 1 s timeout: Vigil cannot know it went through.
        slack.answerSlowly(Duration.ofMillis(1500));
        String title = "Mimikatz lost answer " + UUID.randomUUID();
        UUID id = ingest(defenderAlert(title, "High", "srv-la-01"));
        await().atMost(Duration.ofSeconds(20)).until(() -> postWithTitle(title), p -> p != null);
        slack.answerSlowly(Duration.ZERO);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "SENT"
                        .equals(jdbc.queryForObject(
                                "select state from notification where alert_id = ? and kind = 'ALERT'",
                                String.class,
                                id)));
        assertThat(slack.accepted().stream()
                        .filter(r -> r.call().equals("chat.postMessage")
                                && r.text() != null
                                && r.text().contains(title)))
                .as("found in the channel's history, not posted again")
                .hasSize(1);
        FakeSlack.Request post = postWithTitle(title);
        assertThat(slack.requests().stream()
                        .filter(r -> r.call().equals("conversations.history") && "C0SOC".equals(r.channel()))
                        .filter(r -> r.receivedNanos() > post.receivedNanos()))
                .as("this post's retry looked in the history first")
                .isNotEmpty();
        assertThat(jdbc.queryForObject(
                        "select slack_ts from notification where alert_id = ? and kind = 'ALERT'", String.class, id))
                .isEqualTo(postWithTitle(title).ts());
    }

    // --- helpers

    private static String defenderAlert(String title, String severity, String host) {
        return """
                {"id":"%s","severity":"%s","status":"New","category":"CredentialAccess","title":"%s",\
                "alertCreationTime":"2026-11-21T08:00:00Z","machineId":"7e4f5061","computerDnsName":"%s",\
                "relatedUser":{"userName":"alice","domainName":"CONTOSO"}}""".formatted("da" + UUID.randomUUID(), severity, title, host);
    }

    private UUID ingest(String alert) throws Exception {
        return ingest(alert, null);
    }

    private UUID ingest(String alert, String tenant) throws Exception {
        HttpResponse<String> response =
                send(key, "/api/v1/alerts" + (tenant == null ? "" : "?tenant=" + tenant), alert);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(json.readTree(response.body()).path("ids").get(0).asString());
    }

    private boolean triaged(UUID id) {
        return Boolean.TRUE.equals(
                jdbc.queryForObject("select triaged_at is not null from alert where id = ?", Boolean.class, id));
    }

    private String riskClass(UUID id) {
        return jdbc.queryForObject("select risk_class from alert where id = ?", String.class, id);
    }

    private FakeSlack.Request postWithTitle(String title) {
        return slack.accepted().stream()
                .filter(r -> r.call().equals("chat.postMessage") && r.threadTs() == null)
                .filter(r -> r.text() != null && r.text().contains(title))
                .findFirst()
                .orElse(null);
    }

    private List<FakeSlack.Request> postsOfRun(String run) {
        return slack.postsTo("C0SOC").stream()
                .filter(r -> r.text() != null && r.text().contains(run))
                .toList();
    }

    private boolean isUpdateOfReplyTo(FakeSlack.Request request, String parentTs) {
        if (!request.call().equals("chat.update")) {
            return false;
        }
        String ts = request.body().path("ts").asString();
        return slack.accepted().stream().anyMatch(r -> ts.equals(r.ts()) && parentTs.equals(r.threadTs()));
    }

    /** The span the reply shows: from the first message to the latest repeat, as recorded. */
    private String spanOf(UUID first) {
        Map<String, Object> row = jdbc.queryForMap("""
                select extract(epoch from r.last_duplicate_at - p.created_at) as seconds
                from notification p join notification r on r.parent_id = p.id
                where p.alert_id = ? and p.kind = 'ALERT'""", first);
        long seconds = Math.max(1, ((Number) row.get("seconds")).longValue());
        return seconds >= 60 ? (seconds + 30) / 60 + " min" : seconds + " s";
    }

    private long backlog() {
        return jdbc.queryForObject(
                "select count(*) from notification where state = 'PENDING'"
                        + " or (kind = 'DUPLICATES' and state = 'SENT' and duplicates > sent_count)",
                Long.class);
    }

    private JsonNode deadLetterOf(UUID alertId) throws Exception {
        HttpResponse<String> response = get(engineerKey, "/api/v1/notifications/dead");
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode dead : json.readTree(response.body())) {
            if (alertId.toString().equals(dead.path("alertId").asString())) {
                return dead;
            }
        }
        return null;
    }

    private JsonNode status() throws Exception {
        return json.readTree(get(key, "/api/v1/status").body());
    }

    private HttpResponse<String> get(String apiKey, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + apiKey)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String apiKey, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
