package dev.vigil.notify.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ServerSchemas;
import dev.vigil.access.AccessAdministration;
import dev.vigil.access.Actor;
import dev.vigil.access.Role;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.notify.slack.AlertMessage;
import dev.vigil.notify.slack.FakeSlack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
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
 * Slack's button clicks against the real application on a fresh schema: signed form posts as Slack sends
 * them, {@link FakeSlack} as the response_url target, and the alert, the audit log and the answers checked
 * afterwards.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
class SlackInteractionsIT {

    static final String SIGNING_SECRET = "slack-it-signing-secret-93c2f7";

    private static final FakeSlack SLACK = FakeSlack.start("xoxb-fake-slack-token-7c1e5b", "fakeWebhookSecret9f2d7a");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Each run its own users and Slack ids, so the tests of a class never see each other's links. */
    private final String run =
            UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_slack_");
        registry.add("vigil.slack.signing-secret", () -> SIGNING_SECRET);
        registry.add(
                "vigil.slack.response-url-prefix",
                () -> SLACK.responseUrlPrefix().toString());
        registry.add("vigil.slack.users.UCONFIGCAROL", () -> "carol");
    }

    @AfterAll
    static void stop() {
        SLACK.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    AlertStore alerts;

    @Autowired
    AccessAdministration administration;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Actor operator = new Actor("cli:test", null, null);

    private String alice;
    private String aliceSlack;

    @BeforeEach
    void people() {
        alice = "alice" + run.toLowerCase();
        aliceSlack = "UALICE" + run;
        administration.createUser(operator, alice, Role.ANALYST, null, null);
        administration.linkSlackUser(operator, aliceSlack, alice);
        if (jdbc.queryForObject("select count(*) from vigil_user where name = 'carol'", Integer.class) == 0) {
            administration.createUser(operator, "carol", Role.ENGINEER, null, null);
        }
    }

    @Test
    void acknowledgeAnswersAtOnceThenAcknowledgesAndReplacesTheMessage() throws Exception {
        AlertId id = newAlert();

        long started = System.nanoTime();
        HttpResponse<String> response = click(aliceSlack, AlertMessage.ACKNOWLEDGE, id.toString(), "ack");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofMillis(1500));
        JsonNode answer = awaitResponse("ack");
        assertThat(answer.path("replace_original").asBoolean()).isTrue();
        assertThat(answer.path("response_type").isMissingNode()).isTrue();
        assertThat(answer.path("text").asString()).contains("Watch this host");
        assertThat(answer.path("blocks").toString()).contains("Acknowledged by " + alice);
        // the buttons are still there, with the alert id as their value
        assertThat(answer.path("blocks").toString()).contains(AlertMessage.FALSE_POSITIVE, id.toString());
        assertThat(status(id)).isEqualTo("ACKNOWLEDGED");
        Timestamp acknowledged = acknowledgedAt(id);
        assertThat(acknowledged).isNotNull();
        assertThat(audit(id, "alert.acknowledge"))
                .containsExactly(List.of("user:" + alice, "SUCCESS", "NEW -> ACKNOWLEDGED"));

        // Acknowledging again keeps the first time: it is what time-to-acknowledge measures.
        click(aliceSlack, AlertMessage.ACKNOWLEDGE, id.toString(), "ack-again");
        awaitResponse("ack-again");
        assertThat(acknowledgedAt(id)).isEqualTo(acknowledged);
        assertThat(audit(id, "alert.acknowledge")).hasSize(2);
    }

    @Test
    void assignToMeAssignsTheLinkedVigilUser() throws Exception {
        AlertId id = newAlert();

        assertThat(click(aliceSlack, AlertMessage.ASSIGN_TO_ME, id.toString(), "assign")
                        .statusCode())
                .isEqualTo(200);

        JsonNode answer = awaitResponse("assign");
        assertThat(answer.path("replace_original").asBoolean()).isTrue();
        assertThat(answer.path("blocks").toString()).contains("Assigned to " + alice);
        assertThat(jdbc.queryForObject("select assignee from alert where id = ?", String.class, id.value()))
                .isEqualTo(alice);
        assertThat(status(id)).isEqualTo("NEW");
        assertThat(audit(id, "alert.assign")).containsExactly(List.of("user:" + alice, "SUCCESS", ""));
    }

    @Test
    void falsePositiveByAUserMappedInConfiguration() throws Exception {
        AlertId id = newAlert();

        click("UCONFIGCAROL", AlertMessage.FALSE_POSITIVE, id.toString(), "fp");

        JsonNode answer = awaitResponse("fp");
        assertThat(answer.path("blocks").toString()).contains("Marked false positive by carol");
        assertThat(status(id)).isEqualTo("FALSE_POSITIVE");
        assertThat(acknowledgedAt(id)).isNull();
        assertThat(audit(id, "alert.false-positive"))
                .containsExactly(List.of("user:carol", "SUCCESS", "NEW -> FALSE_POSITIVE"));
    }

    @Test
    void anUnlinkedSlackUserIsRefusedEphemerallyAndAudited() throws Exception {
        AlertId id = newAlert();
        String stranger = "USTRANGER" + run;

        assertThat(click(stranger, AlertMessage.ACKNOWLEDGE, id.toString(), "stranger")
                        .statusCode())
                .isEqualTo(200);

        JsonNode answer = awaitResponse("stranger");
        assertThat(answer.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(answer.path("replace_original").asBoolean(true)).isFalse();
        assertThat(answer.path("text").asString()).contains("not linked", "vigil users link");
        assertThat(status(id)).isEqualTo("NEW");
        assertThat(acknowledgedAt(id)).isNull();
        assertThat(audit(id, "alert.acknowledge")).containsExactly(List.of("slack:" + stranger, "DENIED", ""));
    }

    @Test
    void aDisabledUserIsRefusedAndAnUnlinkedOneNoLongerActs() throws Exception {
        AlertId id = newAlert();
        administration.updateUser(operator, alice, null, true);

        click(aliceSlack, AlertMessage.FALSE_POSITIVE, id.toString(), "disabled");

        JsonNode answer = awaitResponse("disabled");
        assertThat(answer.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asString()).contains("disabled");
        assertThat(status(id)).isEqualTo("NEW");
        assertThat(audit(id, "alert.false-positive")).containsExactly(List.of("user:" + alice, "DENIED", ""));

        administration.updateUser(operator, alice, null, false);
        administration.unlinkSlackUser(operator, aliceSlack);
        click(aliceSlack, AlertMessage.FALSE_POSITIVE, id.toString(), "unlinked");
        assertThat(awaitResponse("unlinked").path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(status(id)).isEqualTo("NEW");
    }

    @Test
    void anUnknownButtonIsAnsweredEphemerally() throws Exception {
        AlertId id = newAlert();

        click(aliceSlack, "vigil.self_destruct", id.toString(), "unknown");

        JsonNode answer = awaitResponse("unknown");
        assertThat(answer.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asString()).contains("does not know this button");
        assertThat(status(id)).isEqualTo("NEW");
        assertThat(jdbc.queryForList(
                        "select outcome from audit_log where action = 'slack.unknown-action' and actor = ?",
                        String.class,
                        "user:" + alice))
                .containsExactly("FAILURE");
    }

    @Test
    void aBadSignatureIsRefusedWith401AndChangesNothing() throws Exception {
        AlertId id = newAlert();
        byte[] body = form(aliceSlack, AlertMessage.ACKNOWLEDGE, id.toString(), "forged");
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> forged = post(body, now, SlackSigning.signature("not-the-secret", now, body), null);
        HttpResponse<String> unsigned = post(body, null, null, null);
        long stale = now - 301;
        HttpResponse<String> replayed = post(body, stale, SlackSigning.signature(SIGNING_SECRET, stale, body), null);
        byte[] tampered = form(aliceSlack, AlertMessage.FALSE_POSITIVE, id.toString(), "forged");
        HttpResponse<String> swapped = post(tampered, now, SlackSigning.signature(SIGNING_SECRET, now, body), null);

        for (HttpResponse<String> response : List.of(forged, unsigned, replayed, swapped)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).path("type").asString())
                    .isEqualTo("urn:vigil:problem:bad-signature");
        }
        Thread.sleep(300); // nothing is queued; give a wrongly queued click the time to show
        assertThat(status(id)).isEqualTo("NEW");
        assertThat(acknowledgedAt(id)).isNull();
        assertThat(SLACK.responsePosts()).noneMatch(p -> p.path().contains("/forged/"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where target = ? and action like 'alert.%'",
                        Integer.class, "alert:" + id))
                .isZero();
    }

    @Test
    void anApiKeyHeaderNeitherHelpsNorHurtsASignedRequest() throws Exception {
        AlertId id = newAlert();
        byte[] body = form(aliceSlack, AlertMessage.ACKNOWLEDGE, id.toString(), "with-bearer");
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> response =
                post(body, now, SlackSigning.signature(SIGNING_SECRET, now, body), "not-a-vigil-key");

        assertThat(response.statusCode()).isEqualTo(200);
        awaitResponse("with-bearer");
        assertThat(status(id)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void aResponseUrlOutsideThePrefixIsNeverPostedTo() throws Exception {
        AlertId id = newAlert();
        // On the fake, which records it, but outside vigil.slack.response-url-prefix (its /actions/).
        String elsewhere =
                SLACK.webhookUrl().resolve("/services/T0FAKE/B0FAKE/x" + run).toString();
        byte[] body = form(aliceSlack, AlertMessage.ACKNOWLEDGE, id.toString(), null, elsewhere);
        long now = Instant.now().getEpochSecond();

        assertThat(post(body, now, SlackSigning.signature(SIGNING_SECRET, now, body), null)
                        .statusCode())
                .isEqualTo(200);

        // The click itself is Slack's, so it is carried out; only the answer is withheld.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(status(id)).isEqualTo("ACKNOWLEDGED"));
        Thread.sleep(500); // the answer would follow the change at once
        assertThat(SLACK.requests()).noneMatch(r -> String.valueOf(r.text()).contains(run));
    }

    @Test
    void otherInteractionTypesAreAcknowledgedAndIgnored() throws Exception {
        String payload = "{\"type\":\"view_submission\",\"user\":{\"id\":\"" + aliceSlack + "\"}}";
        byte[] body =
                ("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        assertThat(post(body, now, SlackSigning.signature(SIGNING_SECRET, now, body), null)
                        .statusCode())
                .isEqualTo(200);
    }

    private AlertId newAlert() {
        Alert alert = new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                "da-" + run,
                Instant.now(),
                Instant.now(),
                "Watch this host " + run,
                null,
                "High",
                Severity.HIGH,
                "Execution",
                Entities.NONE,
                null,
                "{}");
        alerts.append(List.of(alert));
        return alert.id();
    }

    private HttpResponse<String> click(String slackUser, String actionId, String value, String clickName)
            throws Exception {
        byte[] body = form(slackUser, actionId, value, clickName);
        long now = Instant.now().getEpochSecond();
        return post(body, now, SlackSigning.signature(SIGNING_SECRET, now, body), null);
    }

    private byte[] form(String slackUser, String actionId, String value, String clickName) {
        return form(slackUser, actionId, value, clickName, null);
    }

    /** The form body Slack posts (§4.5): {@code payload=} and the URL-encoded block_actions JSON. */
    private byte[] form(
            String slackUser, String actionId, String value, @Nullable String clickName, @Nullable String responseUrl) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "button");
        action.put("action_id", actionId);
        action.put("block_id", "vigil.alert." + value);
        action.put("value", value);
        action.put("action_ts", "1714640100.123456");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", slackUser, "username", "someone", "team_id", "T0FAKE"));
        payload.put("team", Map.of("id", "T0FAKE", "domain", "contoso"));
        payload.put("container", Map.of("type", "message", "message_ts", "1714640000.000200"));
        payload.put("trigger_id", "1234567890.123456.abcdef");
        payload.put(
                "response_url",
                responseUrl != null
                        ? responseUrl
                        : SLACK.responseUrl(clickName + run).toString());
        payload.put("actions", List.of(action));
        return ("payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(
            byte[] body, @Nullable Long timestamp, @Nullable String signature, @Nullable String bearer)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/slack/interactions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", Long.toString(timestamp));
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitResponse(String clickName) {
        String path = "/T0FAKE/" + clickName + run + "/";
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> SLACK.responsePosts().stream()
                                .filter(p -> p.path().contains(path))
                                .reduce((first, second) -> second)
                                .map(FakeSlack.ResponsePost::body)
                                .orElse(null),
                        body -> body != null);
    }

    private String status(AlertId id) {
        return jdbc.queryForObject("select status from alert where id = ?", String.class, id.value());
    }

    private @Nullable Timestamp acknowledgedAt(AlertId id) {
        return jdbc.queryForObject("select acknowledged_at from alert where id = ?", Timestamp.class, id.value());
    }

    /** Actor, outcome and status change of each audit entry of {@code action} on the alert, oldest first. */
    private List<List<String>> audit(AlertId id, String action) {
        return jdbc.query(
                "select actor, outcome, coalesce(details->>'status', '') from audit_log"
                        + " where target = ? and action = ? order by seq",
                (rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)),
                "alert:" + id,
                action);
    }
}
