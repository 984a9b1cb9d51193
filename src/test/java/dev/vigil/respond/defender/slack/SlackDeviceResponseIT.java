package dev.vigil.respond.defender.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.Role;
import dev.vigil.notify.slack.FakeSlack;
import dev.vigil.respond.DefenderApiClient;
import dev.vigil.respond.FakeDefender;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Device response from Slack end to end, on a fresh PostgreSQL schema: Defender alerts posted over HTTP and
 * triaged, their messages sent to {@link FakeSlack} by the outbox, signed clicks as Slack sends them, the
 * actions started on {@link FakeDefender} and polled to their end, whose message goes back through the outbox.
 */
class SlackDeviceResponseIT extends SlackDefenderSetup {

    @AutoClose
    static final FakeSlack slack = FakeSlack.start(DefenderAlerts.TOKEN, DefenderAlerts.WEBHOOK_SECRET);

    @AutoClose
    static final FakeDefender defender = new FakeDefender();

    static final List<String> machines = defender.addMachines(10);
    private static int nextMachine;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DefenderAlerts.register(registry, "vigil_slackresp_", slack, SlackClicks.SIGNING_SECRET, defender);
        // A tenant the fake's Entra ID does not know: its token check fails.
        registry.add("vigil.defender.tenants.fabrikam.tenant-id", () -> "fabrikam.onmicrosoft.com");
        registry.add("vigil.defender.tenants.fabrikam.client-id", () -> FakeDefender.CLIENT_ID);
        registry.add("vigil.defender.tenants.fabrikam.client-secret", () -> "fabrikam-client-secret-3e7a1c");
    }

    private SlackUser analyst;

    @Override
    FakeSlack slack() {
        return slack;
    }

    @Override
    FakeDefender defender() {
        return defender;
    }

    @BeforeEach
    void analyst() {
        analyst = SlackUser.linked(administration, Role.ANALYST, "ana", run);
    }

    @Test
    void anAlertWithADefenderDeviceOffersIsolateAndScanAndOneWithoutOffersNeither() throws Exception {
        String machine = machine();
        FakeSlack.Request withDevice = alerts.postedAlert(alerts.ingest("Mimikatz with device " + run, machine));
        FakeSlack.Request without = alerts.postedAlert(alerts.ingest("Mimikatz without device " + run, null));

        List<String> actionIds = SlackClicks.actionIds(withDevice);
        assertThat(actionIds).contains("vigil.ack", "vigil.defender.isolate", "vigil.defender.scan");
        JsonNode isolate = SlackClicks.button(withDevice, "vigil.defender.isolate");
        assertThat(isolate.path("style").asString()).isEqualTo("danger");
        assertThat(isolate.path("confirm").path("title").path("text").asString())
                .contains("Isolate");
        assertThat(isolate.path("confirm").path("confirm").path("text").asString())
                .isEqualTo("Isolate");
        assertThat(SlackClicks.button(withDevice, "vigil.defender.scan").has("confirm"))
                .isFalse();

        assertThat(SlackClicks.actionIds(without))
                .contains("vigil.ack")
                .noneMatch(id -> id.startsWith("vigil.defender."));
    }

    @Test
    void anEngineersClickIsolatesTheDeviceAndItsEndIsPostedInTheAlertsThread() throws Exception {
        String machine = machine();
        UUID alert = alerts.ingest("Mimikatz isolate " + run, machine);
        FakeSlack.Request message = alerts.postedAlert(alert);

        HttpResponse<String> ack =
                clicks.click(engineer.slackId(), "vigil.defender.isolate", alert, "isolate", message.ts());

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode answer = clicks.awaitResponse("isolate");
        assertThat(answer.path("response_type").asString()).isEqualTo("in_channel");
        assertThat(answer.path("thread_ts").asString()).isEqualTo(message.ts());
        String actionId = jdbc.queryForObject(
                "select id from defender_action where machine_id = ? and type = 'Isolate'", String.class, machine);
        assertThat(answer.path("text").asString())
                .contains("Isolation of " + defender.machineName(machine), engineer.name(), actionId);
        JsonNode sent = last(defender.machineActions().bodies());
        assertThat(sent.path("IsolationType").asString()).isEqualTo("Full");
        assertThat(sent.path("Comment").asString())
                .contains(defender.machineName(machine), engineer.name(), engineer.slackId(), alert.toString());
        assertThat(jdbc.queryForList(
                        "select actor || '|' || outcome || '|' || user_agent || '|' || (details->>'action_id')"
                                + " from audit_log where action = 'defender.actions.isolate' and target = ?",
                        String.class,
                        "machine:" + machine))
                .containsExactly("user:" + engineer.name() + "|SUCCESS|slack|" + actionId);

        FakeSlack.Request ended = await().atMost(Duration.ofSeconds(20))
                .until(() -> alerts.threadReply(message.ts(), actionId), r -> r != null);
        assertThat(ended.channel()).isEqualTo(DefenderAlerts.CHANNEL);
        assertThat(ended.text()).contains("Isolate", "Succeeded", "user:" + engineer.name(), "took", alert.toString());
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
        UUID alert = alerts.ingest("Mimikatz scan " + run, machine);
        FakeSlack.Request message = alerts.postedAlert(alert);

        clicks.click(engineer.slackId(), "vigil.defender.scan", alert, "scan1", message.ts());
        assertThat(clicks.awaitResponse("scan1").path("text").asString()).contains("scan", "started");
        clicks.click(engineer.slackId(), "vigil.defender.scan", alert, "scan2", message.ts());

        assertThat(clicks.awaitResponse("scan2").path("text").asString()).contains("already pending");
        assertThat(defender.apiRequests().stream().filter(r -> r.contains("/" + machine + "/runAntiVirusScan")))
                .hasSize(1);
        assertThat(last(defender.machineActions().bodies()).path("ScanType").asString())
                .isEqualTo("Quick");
    }

    @Test
    void anAlertWhoseDeviceIdIsAnotherMachineIsRefusedAndNothingIsStarted() throws Exception {
        String machine = machine();
        String hidden = defender.machineName(machine);
        UUID alert = alerts.ingest("Mimikatz decoy " + run, machine, "printer-" + run + ".contoso.com");
        FakeSlack.Request message = alerts.postedAlert(alert);

        clicks.click(engineer.slackId(), "vigil.defender.isolate", alert, "decoy", message.ts());

        JsonNode answer = clicks.awaitResponse("decoy");
        assertThat(answer.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asString())
                .contains("printer-" + run + ".contoso.com", hidden, "nothing was done");
        assertThat(writesTo(machine)).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from defender_action where machine_id = ?", Integer.class, machine))
                .isZero();
        assertThat(jdbc.queryForList(
                        "select outcome || '|' || (details->>'reason') || '|' || (details->>'defender_name')"
                                + " from audit_log where action = 'defender.actions.isolate' and target = ?",
                        String.class,
                        "machine:" + machine))
                .containsExactly("DENIED|device does not match the alert|" + hidden);
    }

    @Test
    void aDeviceDefenderDoesNotKnowIsRefused() throws Exception {
        String unknown = "0123456789abcdef0123456789abcdef" + run;
        UUID alert = alerts.ingest("Mimikatz ghost " + run, unknown, "ws-ghost-" + run + ".contoso.com");
        FakeSlack.Request message = alerts.postedAlert(alert);

        clicks.click(engineer.slackId(), "vigil.defender.scan", alert, "ghost", message.ts());

        JsonNode answer = clicks.awaitResponse("ghost");
        assertThat(answer.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asString()).contains("does not know device " + unknown, "nothing was done");
        assertThat(defender.apiRequests().stream().filter(r -> r.contains(unknown)))
                .containsExactly("GET /api/machines/" + unknown);
        assertThat(jdbc.queryForList(
                        "select action || '|' || outcome from audit_log where target = ? order by seq",
                        String.class,
                        "machine:" + unknown))
                .containsExactly("defender.machines.get|FAILURE", "defender.actions.scan|DENIED");
    }

    @Test
    void anAlertNamingTheShortHostOfDefendersNameIsActedOnUnderDefendersName() throws Exception {
        String machine = machine();
        String fqdn = defender.machineName(machine);
        String shortName = fqdn.substring(0, fqdn.indexOf('.')).toUpperCase(java.util.Locale.ROOT);
        UUID alert = alerts.ingest("Mimikatz short " + run, machine, shortName);
        FakeSlack.Request message = alerts.postedAlert(alert);

        clicks.click(engineer.slackId(), "vigil.defender.scan", alert, "short", message.ts());

        JsonNode answer = clicks.awaitResponse("short");
        assertThat(answer.path("response_type").asString()).isEqualTo("in_channel");
        assertThat(answer.path("text").asString()).contains("Quick antivirus scan of " + fqdn, "started");
        assertThat(writesTo(machine)).containsExactly("POST /api/machines/" + machine + "/runAntiVirusScan");
    }

    @Test
    void anAnalystsClickIsRefusedAndNothingReachesDefender() throws Exception {
        String machine = machine();
        UUID alert = alerts.ingest("Mimikatz analyst " + run, machine);
        FakeSlack.Request message = alerts.postedAlert(alert);

        clicks.click(analyst.slackId(), "vigil.defender.isolate", alert, "analyst", message.ts());

        JsonNode answer = clicks.awaitResponse("analyst");
        assertThat(answer.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asString()).contains("analyst", "defender:respond", "Nothing was done");
        assertThat(defender.apiRequests()).noneMatch(r -> r.contains(machine));
        assertThat(jdbc.queryForList(
                        "select outcome from audit_log where action = 'defender.actions.isolate' and actor = ?",
                        String.class,
                        "user:" + analyst.name()))
                .containsExactly("DENIED");
    }

    @Test
    void anUnlinkedSlackUserIsRefused() throws Exception {
        String machine = machine();
        UUID alert = alerts.ingest("Mimikatz stranger " + run, machine);
        FakeSlack.Request message = alerts.postedAlert(alert);
        String stranger = "USTRANGER" + run.toUpperCase();

        clicks.click(stranger, "vigil.defender.isolate", alert, "stranger", message.ts());

        JsonNode answer = clicks.awaitResponse("stranger");
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
        UUID alert = alerts.ingest("Mimikatz forged " + run, machine);
        alerts.postedAlert(alert);
        byte[] body = clicks.form(engineer.slackId(), "vigil.defender.isolate", alert, "forged", null);
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> forged =
                clicks.post(body, now, SlackClicks.signature("not-the-signing-secret", now, body));

        assertThat(forged.statusCode()).isEqualTo(401);
        Thread.sleep(500); // a wrongly accepted click would reach Defender within this
        assertThat(defender.apiRequests()).noneMatch(r -> r.contains(machine));
        assertThat(slack.responsePosts()).noneMatch(p -> p.path().contains(clicks.responsePath("forged")));
    }

    @Test
    void theEndOfAnActionIsPostedOnceSlackIsBack() throws Exception {
        String machine = machine();
        UUID alert = alerts.ingest("Mimikatz outage " + run, machine);
        FakeSlack.Request message = alerts.postedAlert(alert);
        slack.answerUnavailable();

        clicks.click(engineer.slackId(), "vigil.defender.isolate", alert, "outage", message.ts());
        clicks.awaitResponse("outage");
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
        assertThat(alerts.threadReply(message.ts(), actionId)).isNull();

        slack.recover();

        FakeSlack.Request ended = await().atMost(Duration.ofSeconds(20))
                .until(() -> alerts.threadReply(message.ts(), actionId), r -> r != null);
        assertThat(ended.text()).contains("Succeeded");
        assertThat(jdbc.queryForObject(
                        "select state from notification where fingerprint = ? and kind = 'POST'", String.class, key))
                .isEqualTo("SENT");
    }

    @Test
    void statusShowsDefenderPerTenantWithoutSecrets() throws Exception {
        String reader = keys.key(Role.ANALYST);
        // One Defender call, so contoso's last call is known.
        HttpResponse<String> list = api.get("/actions?top=1", reader);
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

    private JsonNode defenderStatus(String apiKey) throws Exception {
        HttpResponse<String> response = DefenderApiClient.server(port).get("/api/v1/status", apiKey);
        assertThat(response.statusCode()).isEqualTo(200);
        return api.read(response).path("defender");
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
