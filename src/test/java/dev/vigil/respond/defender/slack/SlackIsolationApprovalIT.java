package dev.vigil.respond.defender.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.AccessAdministration;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Role;
import dev.vigil.notify.slack.FakeSlack;
import dev.vigil.respond.FakeDefender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The Isolate button where this deployment wants isolation approved by a second person: the click is held
 * (stored, audited, announced in the channel with the approval's id) and reaches Defender only once another
 * engineer approves it over the API, as the clicker's action with the Slack comment. A scan, not gated, still
 * starts at once from the same message.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.defender.approvals.required=offboard,isolate"
        })
class SlackIsolationApprovalIT {

    static final FakeSlack slack = FakeSlack.start(DefenderAlerts.TOKEN, DefenderAlerts.WEBHOOK_SECRET);
    static final FakeDefender defender = new FakeDefender();
    static final List<String> machines = defender.addMachines(4);
    private static int nextMachine;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DefenderAlerts.register(registry, "vigil_slackapv_", slack, SlackClicks.SIGNING_SECRET, defender);
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
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private DefenderAlerts alerts;
    private SlackClicks clicks;
    private SlackUser engineer;

    @BeforeEach
    void people() {
        defender.reset();
        alerts = new DefenderAlerts(
                slack,
                defender,
                port,
                keys.create("slack approval " + run, Role.ANALYST).key(),
                run);
        clicks = new SlackClicks(slack, port, run);
        engineer = SlackUser.linked(administration, Role.ENGINEER, "eng", run);
    }

    @AfterEach
    void settle() {
        slack.recover();
    }

    @Test
    void anIsolateClickWaitsForASecondEngineerAndRunsOnceApproved() throws Exception {
        String machine = machine();
        UUID alert = alerts.ingest("Mimikatz held isolate " + run, machine);
        FakeSlack.Request message = alerts.postedAlert(alert);

        HttpResponse<String> ack =
                clicks.click(engineer.slackId(), "vigil.defender.isolate", alert, "held", message.ts());

        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode answer = clicks.awaitResponse("held");
        String approvalId = jdbc.queryForObject(
                "select id::text from defender_approval where target = ? and operation = 'isolate'",
                String.class,
                "machine:" + machine);
        assertThat(answer.path("response_type").asString()).isEqualTo("in_channel");
        assertThat(answer.path("text").asString())
                .contains(
                        "Isolation of " + defender.machineName(machine),
                        engineer.name(),
                        "waits for a second person's approval (approval " + approvalId + ")");
        assertThat(jdbc.queryForObject(
                        "select status || '|' || requested_by || '|' || (preview->'devices'->0->>'machineId')"
                                + " || '|' || (preview->'devices'->0->>'found')"
                                + " from defender_approval where id = ?::uuid",
                        String.class,
                        approvalId))
                .isEqualTo("pending|user:" + engineer.name() + "|" + machine + "|true");
        assertThat(jdbc.queryForList(
                        "select actor || '|' || outcome || '|' || user_agent || '|' || (details->>'alert')"
                                + " from audit_log where action = 'defender.approvals.hold'"
                                + " and details->>'approval_id' = ?",
                        String.class,
                        approvalId))
                .containsExactly("user:" + engineer.name() + "|SUCCESS|slack|" + alert);
        assertThat(writesTo(machine)).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from defender_action where machine_id = ?", Integer.class, machine))
                .isZero();

        HttpResponse<String> own = approve(approvalId, keyOf(engineer.name()), "looks right to me");

        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(json.readTree(own.body()).path("detail").asString()).contains("second person");
        assertThat(writesTo(machine)).isEmpty();

        SlackUser second = SlackUser.linked(administration, Role.ENGINEER, "eng2", run);
        HttpResponse<String> approved = approve(approvalId, keyOf(second.name()), "checked with the device owner");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode done = json.readTree(approved.body());
        assertThat(done.path("status").asString()).isEqualTo("executed");
        assertThat(jdbc.queryForList(
                        "select outcome || '|' || coalesce(details->>'operation', '-') || '|'"
                                + " || coalesce(details->>'requested_by', '-') from audit_log"
                                + " where action = 'defender.approvals.approve' and target = ? order by seq",
                        String.class,
                        "approval:" + approvalId))
                .containsExactly("FAILURE|-|-", "SUCCESS|isolate|user:" + engineer.name());
        assertThat(writesTo(machine)).containsExactly("POST /api/machines/" + machine + "/isolate");
        JsonNode sent = defender.machineActions().bodies().get(0);
        assertThat(sent.path("IsolationType").asString()).isEqualTo("Full");
        assertThat(sent.path("Comment").asString()).contains(engineer.name(), engineer.slackId(), alert.toString());
        // The isolation is the clicker's; the approver is on the approval.
        assertThat(jdbc.queryForObject(
                        "select requested_by from defender_action where machine_id = ? and type = 'Isolate'",
                        String.class,
                        machine))
                .isEqualTo("user:" + engineer.name());
        // Its end is announced in the alert message's thread, as for an action started by the click itself.
        String actionId = done.path("result").path("action").path("id").asString();
        FakeSlack.Request ended = await().atMost(Duration.ofSeconds(20))
                .until(() -> alerts.threadReply(message.ts(), actionId), r -> r != null);
        assertThat(ended.text()).contains("Isolate", "Succeeded", alert.toString());
    }

    @Test
    void aScanIsNotGatedAndStartsAtOnce() throws Exception {
        String machine = machine();
        UUID alert = alerts.ingest("Mimikatz scan " + run, machine);
        FakeSlack.Request message = alerts.postedAlert(alert);

        clicks.click(engineer.slackId(), "vigil.defender.scan", alert, "scan", message.ts());

        JsonNode answer = clicks.awaitResponse("scan");
        assertThat(answer.path("text").asString()).contains("scan", "started", engineer.name());
        assertThat(writesTo(machine)).containsExactly("POST /api/machines/" + machine + "/runAntiVirusScan");
        assertThat(defender.machineActions().bodies().get(0).path("ScanType").asString())
                .isEqualTo("Quick");
        assertThat(jdbc.queryForObject(
                        "select count(*) from defender_approval where target = ?", Integer.class, "machine:" + machine))
                .isZero();
    }

    private static synchronized String machine() {
        return machines.get(nextMachine++);
    }

    /** What was asked of Defender for the device beyond reads (the preview reads the device). */
    private static List<String> writesTo(String machine) {
        return defender.apiRequests().stream()
                .filter(r -> !r.startsWith("GET ") && r.contains(machine))
                .toList();
    }

    /** A new key bound to the user: the person an approval is checked against. */
    private String keyOf(String user) {
        return keys.create(new NewApiKey("slack approval " + UUID.randomUUID(), Role.ENGINEER, user, null, Set.of()))
                .key();
    }

    private HttpResponse<String> approve(String approvalId, String key, String comment) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/defender/contoso/approvals/"
                                + approvalId + "/approve"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("comment", comment))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
