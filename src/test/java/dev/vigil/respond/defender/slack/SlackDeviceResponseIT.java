package dev.vigil.respond.defender.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ServerSchemas;
import dev.vigil.access.AccessAdministration;
import dev.vigil.access.Actor;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import dev.vigil.notify.slack.FakeSlack;
import dev.vigil.respond.FakeDefender;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
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
 * Device response from Slack end to end, on a fresh PostgreSQL schema: Defender alerts posted over HTTP and
 * triaged, their messages sent to {@link FakeSlack} by the outbox, signed clicks as Slack sends them, the
 * actions started on {@link FakeDefender} and polled to their end, whose message goes back through the outbox.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.slack.bot-token=" + SlackDeviceResponseIT.TOKEN,
            "vigil.slack.channel=C0SOC",
            "vigil.slack.timeout=1s",
            "vigil.notify.first-retry=200ms",
            "vigil.notify.max-retry-wait=1s",
            "vigil.notify.poll-interval=200ms",
            "vigil.defender.actions.poll-interval=300ms"
        })
class SlackDeviceResponseIT {

    static final String TOKEN = "xoxb-fake-slack-token-7c1e5b";
    static final String SIGNING_SECRET = "slack-response-signing-secret-61d9e4";
    static final String CHANNEL = "C0SOC";

    static final FakeSlack slack = FakeSlack.start(TOKEN, "fakeWebhookSecret9f2d7a");
    static final FakeDefender defender = new FakeDefender();
    static final List<String> machines = defender.addMachines(10);
    private static int nextMachine;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_slackresp_");
        registry.add("vigil.slack.api-url", () -> slack.apiUrl().toString());
        registry.add("vigil.slack.signing-secret", () -> SIGNING_SECRET);
        registry.add(
                "vigil.slack.response-url-prefix",
                () -> slack.responseUrlPrefix().toString());
        registry.add("vigil.defender.api-url", () -> defender.apiUrl().toString());
        registry.add("vigil.defender.login-url", () -> defender.loginUrl().toString());
        registry.add("vigil.defender.trust-store", () -> defender.trustStore().toString());
        registry.add("vigil.defender.trust-store-password", defender::trustStorePassword);
        registry.add("vigil.defender.retry-backoff", () -> "10ms");
        registry.add("vigil.defender.max-retries", () -> "1");
        registry.add("vigil.defender.tenants.contoso.tenant-id", () -> FakeDefender.TENANT_ID);
        registry.add("vigil.defender.tenants.contoso.client-id", () -> FakeDefender.CLIENT_ID);
        registry.add("vigil.defender.tenants.contoso.client-secret", () -> FakeDefender.CLIENT_SECRET);
        // A tenant the fake's Entra ID does not know: its token check fails.
        registry.add("vigil.defender.tenants.fabrikam.tenant-id", () -> "fabrikam.onmicrosoft.com");
        registry.add("vigil.defender.tenants.fabrikam.client-id", () -> FakeDefender.CLIENT_ID);
        registry.add("vigil.defender.tenants.fabrikam.client-secret", () -> "fabrikam-client-secret-3e7a1c");
    }

    @AfterAll
    static void stop() {
        slack.close();
        defender.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiKeys keys;

    @Autowired
    AccessAdministration administration;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Actor operator = new Actor("cli:test", null, null);
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private String ingestKey;
    private String engineer;
    private String engineerSlack;
    private String analyst;
    private String analystSlack;

    @BeforeEach
    void people() {
        defender.reset();
        ingestKey = keys.create("slack response " + run, Role.ANALYST).key();
        engineer = "eng" + run;
        engineerSlack = "UENG" + run.toUpperCase();
        analyst = "ana" + run;
        analystSlack = "UANA" + run.toUpperCase();
        administration.createUser(operator, engineer, Role.ENGINEER, null, null);
        administration.linkSlackUser(operator, engineerSlack, engineer);
        administration.createUser(operator, analyst, Role.ANALYST, null, null);
        administration.linkSlackUser(operator, analystSlack, analyst);
    }

    @AfterEach
    void settle() {
        slack.recover();
    }

    @Test
    void anAlertWithADefenderDeviceOffersIsolateAndScanAndOneWithoutOffersNeither() throws Exception {
        String machine = machine();
        FakeSlack.Request withDevice = postedAlert(ingest("Mimikatz with device " + run, machine));
        FakeSlack.Request without = postedAlert(ingest("Mimikatz without device " + run, null));

        List<String> actionIds = actionIds(withDevice);
        assertThat(actionIds).contains("vigil.ack", "vigil.defender.isolate", "vigil.defender.scan");
        JsonNode isolate = button(withDevice, "vigil.defender.isolate");
        assertThat(isolate.path("style").asString()).isEqualTo("danger");
        assertThat(isolate.path("confirm").path("title").path("text").asString())
                .contains("Isolate");
        assertThat(isolate.path("confirm").path("confirm").path("text").asString())
                .isEqualTo("Isolate");
        assertThat(button(withDevice, "vigil.defender.scan").has("confirm")).isFalse();

        assertThat(actionIds(without)).contains("vigil.ack").noneMatch(id -> id.startsWith("vigil.defender."));
    }

    @Test
    void anEngineersClickIsolatesTheDeviceAndItsEndIsPostedInTheAlertsThread() throws Exception {
        String machine = machine();
        UUID alert = ingest("Mimikatz isolate " + run, machine);
        FakeSlack.Request message = postedAlert(alert);

        HttpResponse<String> ack = click(engineerSlack, "vigil.defender.isolate", alert, "isolate", message.ts());

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode answer = awaitResponse("isolate");
        assertThat(answer.path("response_type").asString()).isEqualTo("in_channel");
        assertThat(answer.path("thread_ts").asString()).isEqualTo(message.ts());
        String actionId = jdbc.queryForObject(
                "select id from defender_action where machine_id = ? and type = 'Isolate'", String.class, machine);
        assertThat(answer.path("text").asString()).contains("Isolation", engineer, actionId);
        JsonNode sent = last(defender.machineActions().bodies());
        assertThat(sent.path("IsolationType").asString()).isEqualTo("Full");
        assertThat(sent.path("Comment").asString()).contains(engineer, engineerSlack, alert.toString());
        assertThat(jdbc.queryForList(
                        "select actor || '|' || outcome || '|' || user_agent || '|' || (details->>'action_id')"
                                + " from audit_log where action = 'defender.actions.isolate' and target = ?",
                        String.class,
                        "machine:" + machine))
                .containsExactly("user:" + engineer + "|SUCCESS|slack|" + actionId);

        FakeSlack.Request ended =
                await().atMost(Duration.ofSeconds(20)).until(() -> threadReply(message.ts(), actionId), r -> r != null);
        assertThat(ended.channel()).isEqualTo(CHANNEL);
        assertThat(ended.text()).contains("Isolate", "Succeeded", "user:" + engineer, "took", alert.toString());
        assertThat(jdbc.queryForObject("select status from defender_action where id = ?", String.class, actionId))
                .isEqualTo("Succeeded");
    }

    @Test
    void aSecondClickWhileTheScanRunsSaysItIsAlreadyPending() throws Exception {
        defender.machineActions()
                .lifecycle(
                        "InProgress",
                        "InProgress",
                        "InProgress",
                        "InProgress",
                        "InProgress",
                        "InProgress",
                        "Succeeded");
        String machine = machine();
        UUID alert = ingest("Mimikatz scan " + run, machine);
        FakeSlack.Request message = postedAlert(alert);

        click(engineerSlack, "vigil.defender.scan", alert, "scan1", message.ts());
        assertThat(awaitResponse("scan1").path("text").asString()).contains("scan", "started");
        click(engineerSlack, "vigil.defender.scan", alert, "scan2", message.ts());

        assertThat(awaitResponse("scan2").path("text").asString()).contains("already pending");
        assertThat(defender.apiRequests().stream().filter(r -> r.contains("/" + machine + "/runAntiVirusScan")))
                .hasSize(1);
        assertThat(last(defender.machineActions().bodies()).path("ScanType").asString())
                .isEqualTo("Quick");
    }

    @Test
    void anAnalystsClickIsRefusedAndNothingReachesDefender() throws Exception {
        String machine = machine();
        UUID alert = ingest("Mimikatz analyst " + run, machine);
        FakeSlack.Request message = postedAlert(alert);

        click(analystSlack, "vigil.defender.isolate", alert, "analyst", message.ts());

        JsonNode answer = awaitResponse("analyst");
        assertThat(answer.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asString()).contains("analyst", "defender:respond", "Nothing was done");
        assertThat(defender.apiRequests()).noneMatch(r -> r.contains(machine));
        assertThat(jdbc.queryForList(
                        "select outcome from audit_log where action = 'defender.actions.isolate' and actor = ?",
                        String.class,
                        "user:" + analyst))
                .containsExactly("DENIED");
    }

    @Test
    void anUnlinkedSlackUserIsRefused() throws Exception {
        String machine = machine();
        UUID alert = ingest("Mimikatz stranger " + run, machine);
        FakeSlack.Request message = postedAlert(alert);
        String stranger = "USTRANGER" + run.toUpperCase();

        click(stranger, "vigil.defender.isolate", alert, "stranger", message.ts());

        JsonNode answer = awaitResponse("stranger");
        assertThat(answer.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asString()).contains("not linked");
        assertThat(defender.apiRequests()).noneMatch(r -> r.contains(machine));
        assertThat(jdbc.queryForList(
                        "select outcome from audit_log where action = 'defender.actions.isolate' and actor = ?",
                        String.class,
                        "slack:" + stranger))
                .containsExactly("DENIED");
    }

    @Test
    void aBadSignatureIs401AndNothingReachesDefender() throws Exception {
        String machine = machine();
        UUID alert = ingest("Mimikatz forged " + run, machine);
        postedAlert(alert);
        byte[] body = form(engineerSlack, "vigil.defender.isolate", alert, "forged", null);
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> forged = post(body, now, signature("not-the-signing-secret", now, body));

        assertThat(forged.statusCode()).isEqualTo(401);
        Thread.sleep(500); // a wrongly accepted click would reach Defender within this
        assertThat(defender.apiRequests()).noneMatch(r -> r.contains(machine));
        assertThat(slack.responsePosts()).noneMatch(p -> p.path().contains("/forged" + run + "/"));
    }

    @Test
    void theEndOfAnActionIsPostedOnceSlackIsBack() throws Exception {
        String machine = machine();
        UUID alert = ingest("Mimikatz outage " + run, machine);
        FakeSlack.Request message = postedAlert(alert);
        slack.answerUnavailable();

        click(engineerSlack, "vigil.defender.isolate", alert, "outage", message.ts());
        awaitResponse("outage");
        String actionId = jdbc.queryForObject(
                "select id from defender_action where machine_id = ? and type = 'Isolate'", String.class, machine);
        String key = "defender-action-ended:" + actionId;
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from notification where fingerprint = ? and kind = 'POST'"
                                        + " and attempts > 0 and state = 'PENDING' and last_error is not null",
                                Integer.class,
                                key)
                        == 1);
        assertThat(threadReply(message.ts(), actionId)).isNull();

        slack.recover();

        FakeSlack.Request ended =
                await().atMost(Duration.ofSeconds(20)).until(() -> threadReply(message.ts(), actionId), r -> r != null);
        assertThat(ended.text()).contains("Succeeded");
        assertThat(jdbc.queryForObject(
                        "select state from notification where fingerprint = ? and kind = 'POST'", String.class, key))
                .isEqualTo("SENT");
    }

    @Test
    void statusShowsDefenderPerTenantWithoutSecrets() throws Exception {
        String reader = keys.create("status " + run, Role.ANALYST).key();
        // One Defender call, so contoso's last call is known.
        HttpResponse<String> list = get(reader, "/api/v1/defender/contoso/actions?top=1");
        assertThat(list.statusCode()).isEqualTo(200);

        JsonNode status = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> defenderStatus(reader),
                        s -> !tenant(s, "fabrikam").path("token").isNull());

        assertThat(status.path("configured").asBoolean()).isTrue();
        JsonNode contoso = tenant(status, "contoso");
        assertThat(contoso.path("token").asBoolean()).isTrue();
        assertThat(contoso.path("reachable").asBoolean()).isTrue();
        assertThat(contoso.path("lastError").isNull()).isTrue();
        long pending = jdbc.queryForObject(
                "select count(*) from defender_action where tenant = 'contoso' and status in ('Pending', 'InProgress')",
                Long.class);
        assertThat(contoso.path("actionsPending").asLong()).isEqualTo(pending);
        JsonNode fabrikam = tenant(status, "fabrikam");
        assertThat(fabrikam.path("token").asBoolean(true)).isFalse();
        assertThat(fabrikam.path("lastError").asString()).startsWith("token");
        String text = status.toString();
        assertThat(text).doesNotContain(FakeDefender.CLIENT_SECRET, "fabrikam-client-secret-3e7a1c", "Bearer");
    }

    // --- helpers

    private static JsonNode last(List<JsonNode> items) {
        return items.get(items.size() - 1);
    }

    private static synchronized String machine() {
        return machines.get(nextMachine++);
    }

    private UUID ingest(String title, @Nullable String machineId) throws Exception {
        String alert = """
                {"id":"da%s","severity":"High","status":"New","category":"CredentialAccess","title":"%s",\
                "alertCreationTime":"2026-11-21T08:00:00Z",%s"computerDnsName":"ws-%s.contoso.com",\
                "aadTenantId":"%s","relatedUser":{"userName":"alice","domainName":"CONTOSO"}}""".formatted(
                        UUID.randomUUID(),
                        title,
                        machineId == null ? "" : "\"machineId\":\"" + machineId + "\",",
                        run,
                        FakeDefender.TENANT_ID);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts"))
                        .header("Authorization", "Bearer " + ingestKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(alert))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(json.readTree(response.body()).path("ids").get(0).asString());
    }

    /** The alert's top-level message, once the outbox has sent it. */
    private FakeSlack.Request postedAlert(UUID alert) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> slack.accepted().stream()
                                .filter(r -> r.call().equals("chat.postMessage") && r.threadTs() == null)
                                .filter(r ->
                                        r.body() != null && r.body().toString().contains(alert.toString()))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
    }

    private FakeSlack.@Nullable Request threadReply(String parentTs, String actionId) {
        return slack.accepted().stream()
                .filter(r -> r.call().equals("chat.postMessage") && parentTs.equals(r.threadTs()))
                .filter(r -> r.text() != null && r.text().contains(actionId))
                .findFirst()
                .orElse(null);
    }

    private static List<String> actionIds(FakeSlack.Request message) {
        return buttons(message).stream()
                .map(b -> b.path("action_id").asString())
                .toList();
    }

    private static JsonNode button(FakeSlack.Request message, String actionId) {
        return buttons(message).stream()
                .filter(b -> b.path("action_id").asString().equals(actionId))
                .findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> buttons(FakeSlack.Request message) {
        List<JsonNode> buttons = new java.util.ArrayList<>();
        for (JsonNode block : message.body().path("blocks")) {
            if (block.path("type").asString().equals("actions")) {
                block.path("elements").forEach(buttons::add);
            }
        }
        return buttons;
    }

    private HttpResponse<String> click(String slackUser, String actionId, UUID alert, String clickName, String ts)
            throws Exception {
        byte[] body = form(slackUser, actionId, alert, clickName, ts);
        long now = Instant.now().getEpochSecond();
        return post(body, now, signature(SIGNING_SECRET, now, body));
    }

    /** The form body Slack posts (§4.5): {@code payload=} and the URL-encoded block_actions JSON. */
    private byte[] form(String slackUser, String actionId, UUID alert, String clickName, @Nullable String ts) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "button");
        action.put("action_id", actionId);
        action.put("block_id", "vigil.alert." + alert);
        action.put("value", alert.toString());
        action.put("action_ts", "1714640100.123456");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", slackUser, "username", "someone", "team_id", "T0FAKE"));
        payload.put("team", Map.of("id", "T0FAKE", "domain", "contoso"));
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("type", "message");
        container.put("channel_id", CHANNEL);
        if (ts != null) {
            container.put("message_ts", ts);
        }
        payload.put("container", container);
        payload.put("channel", Map.of("id", CHANNEL, "name", "soc-alerts"));
        payload.put("trigger_id", "1234567890.123456.abcdef");
        payload.put("response_url", slack.responseUrl(clickName + run).toString());
        payload.put("actions", List.of(action));
        return ("payload=" + URLEncoder.encode(json.writeValueAsString(payload), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(byte[] body, long timestamp, String signature) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slack/interactions"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                        .header("X-Slack-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Slack's v0 signature (external-apis.md §4.6), computed here apart from the code under test. */
    private static String signature(String secret, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private JsonNode awaitResponse(String clickName) {
        String path = "/T0FAKE/" + clickName + run + "/";
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> slack.responsePosts().stream()
                                .filter(p -> p.path().contains(path))
                                .reduce((first, second) -> second)
                                .map(FakeSlack.ResponsePost::body)
                                .orElse(null),
                        body -> body != null);
    }

    private HttpResponse<String> get(String apiKey, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + apiKey)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode defenderStatus(String apiKey) throws Exception {
        HttpResponse<String> response = get(apiKey, "/api/v1/status");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).path("defender");
    }

    private static JsonNode tenant(JsonNode status, String name) {
        for (JsonNode tenant : status.path("tenants")) {
            if (tenant.path("name").asString().equals(name)) {
                return tenant;
            }
        }
        throw new AssertionError("no tenant " + name + " in " + status);
    }
}
