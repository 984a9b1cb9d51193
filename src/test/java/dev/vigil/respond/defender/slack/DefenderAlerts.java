package dev.vigil.respond.defender.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ServerSchemas;
import dev.vigil.notify.slack.FakeSlack;
import dev.vigil.respond.FakeDefender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert side of the Slack device-response ITs: Vigil wired to {@link FakeSlack} and {@link FakeDefender},
 * Defender alerts posted to Vigil over HTTP, and their Slack messages as the outbox sends them.
 */
final class DefenderAlerts {

    static final String TOKEN = "xoxb-fake-slack-token-7c1e5b";
    static final String WEBHOOK_SECRET = "fakeWebhookSecret9f2d7a";
    static final String CHANNEL = "C0SOC";

    private final FakeSlack slack;
    private final FakeDefender defender;
    private final int port;
    private final String ingestKey;
    private final String run;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param ingestKey an analyst key alerts are posted with
     * @param run suffix of this test's names, so tests sharing a schema do not see each other's alerts
     */
    DefenderAlerts(FakeSlack slack, FakeDefender defender, int port, String ingestKey, String run) {
        this.slack = slack;
        this.defender = defender;
        this.port = port;
        this.ingestKey = ingestKey;
        this.run = run;
    }

    /**
     * A fresh schema, Slack with short retries, and the fake Defender as tenant {@code contoso}, whose actions
     * are polled often enough for a test to see them end.
     */
    static void register(
            DynamicPropertyRegistry registry,
            String schemaPrefix,
            FakeSlack slack,
            String signingSecret,
            FakeDefender defender) {
        ServerSchemas.register(registry, schemaPrefix);
        registry.add("vigil.slack.bot-token", () -> TOKEN);
        registry.add("vigil.slack.channel", () -> CHANNEL);
        registry.add("vigil.slack.timeout", () -> "1s");
        registry.add("vigil.notify.first-retry", () -> "200ms");
        registry.add("vigil.notify.max-retry-wait", () -> "1s");
        registry.add("vigil.notify.poll-interval", () -> "200ms");
        registry.add("vigil.slack.api-url", () -> slack.apiUrl().toString());
        registry.add("vigil.slack.signing-secret", () -> signingSecret);
        registry.add(
                "vigil.slack.response-url-prefix",
                () -> slack.responseUrlPrefix().toString());
        registry.add("vigil.defender.actions.poll-interval", () -> "300ms");
        defender.register(registry);
        registry.add("vigil.defender.retry-backoff", () -> "10ms");
        registry.add("vigil.defender.max-retries", () -> "1");
    }

    /**
     * Posts a Defender alert of tenant contoso, naming the device when {@code machineId} is given, with the
     * host name Defender has for it (as a real Defender alert does); else a host of this run's own.
     */
    UUID ingest(String title, @Nullable String machineId) throws Exception {
        return ingest(
                title, machineId, machineId == null ? "ws-" + run + ".contoso.com" : defender.machineName(machineId));
    }

    /** Posts a Defender alert of tenant contoso naming the device id and the host name given, whatever they are. */
    UUID ingest(String title, @Nullable String machineId, String hostName) throws Exception {
        String alert = """
                {"id":"da%s","severity":"High","status":"New","category":"CredentialAccess","title":"%s",\
                "alertCreationTime":"2026-11-21T08:00:00Z",%s"computerDnsName":"%s",\
                "aadTenantId":"%s","relatedUser":{"userName":"alice","domainName":"CONTOSO"}}""".formatted(
                        UUID.randomUUID(),
                        title,
                        machineId == null ? "" : "\"machineId\":\"" + machineId + "\",",
                        hostName,
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
    FakeSlack.Request postedAlert(UUID alert) {
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

    /** The reply in the alert's thread that names the Defender action, if sent yet. */
    FakeSlack.@Nullable Request threadReply(String parentTs, String actionId) {
        return slack.accepted().stream()
                .filter(r -> r.call().equals("chat.postMessage") && parentTs.equals(r.threadTs()))
                .filter(r -> r.text() != null && r.text().contains(actionId))
                .findFirst()
                .orElse(null);
    }
}
