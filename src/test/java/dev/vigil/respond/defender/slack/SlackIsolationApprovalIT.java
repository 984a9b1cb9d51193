package dev.vigil.respond.defender.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.Role;
import dev.vigil.notify.slack.FakeSlack;
import dev.vigil.respond.FakeDefender;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Isolate button where this deployment wants isolation approved by a second person: the click is held
 * (stored, audited, announced in the channel with the approval's id) and reaches Defender only once another
 * engineer approves it over the API, as the clicker's action with the Slack comment. A scan, not gated, still
 * starts at once from the same message.
 */
@TestPropertySource(properties = "vigil.defender.approvals.required=offboard,isolate")
class SlackIsolationApprovalIT extends SlackDefenderSetup {

    @AutoClose
    static final FakeSlack slack = FakeSlack.start(DefenderAlerts.TOKEN, DefenderAlerts.WEBHOOK_SECRET);

    @AutoClose
    static final FakeDefender defender = new FakeDefender();

    static final List<String> machines = defender.addMachines(4);
    private static int nextMachine;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DefenderAlerts.register(registry, "vigil_slackapv_", slack, SlackClicks.SIGNING_SECRET, defender);
    }

    @Override
    FakeSlack slack() {
        return slack;
    }

    @Override
    FakeDefender defender() {
        return defender;
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

        HttpResponse<String> own = approve(approvalId, keys.keyOf(engineer.name(), Role.ENGINEER), "looks right to me");

        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(api.read(own).path("detail").asString()).contains("second person");
        assertThat(writesTo(machine)).isEmpty();

        SlackUser second = SlackUser.linked(administration, Role.ENGINEER, "eng2", run);
        HttpResponse<String> approved =
                approve(approvalId, keys.keyOf(second.name(), Role.ENGINEER), "checked with the device owner");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode done = api.read(approved);
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

    private HttpResponse<String> approve(String approvalId, String key, String comment) throws Exception {
        return api.post("/approvals/" + approvalId + "/approve", Map.of("comment", comment), key);
    }
}
