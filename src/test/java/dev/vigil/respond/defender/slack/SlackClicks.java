package dev.vigil.respond.defender.slack;

import static org.awaitility.Awaitility.await;

import dev.vigil.notify.slack.FakeSlack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Button clicks on alert messages as Slack sends them (external-apis.md §4.5-4.6): signed block_actions forms
 * posted to Vigil, and what Vigil then posts to each click's {@code response_url} on {@link FakeSlack}. Every
 * click names its own response_url ({@code clickName} + the test's run), so a test awaits its own answer.
 */
final class SlackClicks {

    static final String SIGNING_SECRET = "slack-response-signing-secret-61d9e4";

    private final FakeSlack slack;
    private final int port;
    private final String run;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    SlackClicks(FakeSlack slack, int port, String run) {
        this.slack = slack;
        this.port = port;
        this.run = run;
    }

    /** {@code slackUser} clicks the button {@code actionId} on the alert's message {@code ts}, signed. */
    HttpResponse<String> click(String slackUser, String actionId, UUID alert, String clickName, String ts)
            throws Exception {
        byte[] body = form(slackUser, actionId, alert, clickName, ts);
        long now = Instant.now().getEpochSecond();
        return post(body, now, signature(SIGNING_SECRET, now, body));
    }

    /** The form body Slack posts (§4.5): {@code payload=} and the URL-encoded block_actions JSON. */
    byte[] form(String slackUser, String actionId, UUID alert, String clickName, @Nullable String ts) {
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
        container.put("channel_id", DefenderAlerts.CHANNEL);
        if (ts != null) {
            container.put("message_ts", ts);
        }
        payload.put("container", container);
        payload.put("channel", Map.of("id", DefenderAlerts.CHANNEL, "name", "soc-alerts"));
        payload.put("trigger_id", "1234567890.123456.abcdef");
        payload.put("response_url", slack.responseUrl(clickName + run).toString());
        payload.put("actions", List.of(action));
        return ("payload=" + URLEncoder.encode(json.writeValueAsString(payload), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    HttpResponse<String> post(byte[] body, long timestamp, String signature) throws Exception {
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
    static String signature(String secret, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** The last thing Vigil posted to the click's response_url, once there is one. */
    JsonNode awaitResponse(String clickName) {
        String path = responsePath(clickName);
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> slack.responsePosts().stream()
                                .filter(p -> p.path().contains(path))
                                .reduce((first, second) -> second)
                                .map(FakeSlack.ResponsePost::body)
                                .orElse(null),
                        body -> body != null);
    }

    /** The part of the click's response_url that names it. */
    String responsePath(String clickName) {
        return "/T0FAKE/" + clickName + run + "/";
    }

    static List<String> actionIds(FakeSlack.Request message) {
        return buttons(message).stream()
                .map(b -> b.path("action_id").asString())
                .toList();
    }

    static JsonNode button(FakeSlack.Request message, String actionId) {
        return buttons(message).stream()
                .filter(b -> b.path("action_id").asString().equals(actionId))
                .findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> buttons(FakeSlack.Request message) {
        List<JsonNode> buttons = new ArrayList<>();
        for (JsonNode block : message.body().path("blocks")) {
            if (block.path("type").asString().equals("actions")) {
                block.path("elements").forEach(buttons::add);
            }
        }
        return buttons;
    }
}
