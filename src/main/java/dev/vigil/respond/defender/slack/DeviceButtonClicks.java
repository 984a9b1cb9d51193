package dev.vigil.respond.defender.slack;

import dev.vigil.access.AuditOutcome;
import dev.vigil.access.Grants;
import dev.vigil.access.Permission;
import dev.vigil.access.User;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.StoredAlert;
import dev.vigil.notify.SlackAnswer;
import dev.vigil.notify.SlackButtonClick;
import dev.vigil.notify.SlackButtonHandler;
import dev.vigil.respond.defender.DefenderApiError;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderDevices;
import dev.vigil.respond.defender.DefenderException;
import dev.vigil.respond.defender.DefenderMachineActions;
import dev.vigil.respond.defender.DeviceResponse;
import dev.vigil.respond.defender.Machine;
import dev.vigil.respond.defender.MachineAction;
import dev.vigil.respond.defender.approval.Approval;
import dev.vigil.respond.defender.approval.Approvals;
import dev.vigil.respond.defender.approval.Approver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out "Isolate device" and "Run AV scan" clicks. Notify has verified the click, answered Slack and
 * checked the clicker's Vigil user holds {@code defender:respond}; here the device is found again from the
 * stored alert and looked up in Defender, the action is started through {@link DeviceResponse} and audited by
 * {@link DefenderCalls} exactly as the API does, and the outcome goes back through the click's {@code
 * response_url}: in the channel when an action runs, to the clicker alone when nothing was started.
 *
 * <p>An alert is only as trustworthy as whoever posted it: any ingest key can name a configured tenant, any
 * device id and a harmless host name. So the device is named everywhere as Defender knows it ({@code
 * computerDnsName}), and a click whose alert names a different host, or a device Defender does not know, is
 * refused before anything is started or held.
 */
final class DeviceButtonClicks implements SlackButtonHandler {

    private static final Logger log = LoggerFactory.getLogger(DeviceButtonClicks.class);

    /** The agent recorded in the audit log for clicks: the call came through Slack, not a browser or the CLI. */
    static final String AGENT = "slack";

    /** The audited reason when the alert's host is not the device Defender has under the alert's device id. */
    static final String DEVICE_MISMATCH = "device does not match the alert";

    private final AlertStore alerts;
    private final DefenderTargets targets;
    private final DefenderCalls calls;
    private final DefenderDevices devices;
    private final DeviceResponse response;
    private final SlackActionOrigins origins;
    private final Approvals approvals;
    private final JsonMapper json = JsonMapper.builder().build();

    DeviceButtonClicks(
            AlertStore alerts,
            DefenderTargets targets,
            DefenderCalls calls,
            DefenderDevices devices,
            DeviceResponse response,
            SlackActionOrigins origins,
            Approvals approvals) {
        this.approvals = approvals;
        this.alerts = alerts;
        this.targets = targets;
        this.calls = calls;
        this.devices = devices;
        this.response = response;
        this.origins = origins;
    }

    @Override
    public String actionIdPrefix() {
        return SlackDeviceAction.PREFIX;
    }

    @Override
    public Permission permission() {
        return Permission.DEFENDER_RESPOND;
    }

    @Override
    public String auditAction(String actionId) {
        return SlackDeviceAction.of(actionId)
                .map(SlackDeviceAction::auditAction)
                .orElse("slack.unknown-action");
    }

    @Override
    public void handle(SlackButtonClick click, SlackAnswer answer) {
        DefenderCalls.Caller caller = callerOf(click.clicker());
        Optional<SlackDeviceAction> action = SlackDeviceAction.of(click.actionId());
        if (action.isEmpty()) {
            refuse(caller, "slack.unknown-action", click, "unknown action_id");
            answer.tellClicker("Vigil does not know this button; nothing was done.");
            return;
        }
        String auditAction = action.get().auditAction();
        Optional<StoredAlert> alert = alert(click.value());
        if (alert.isEmpty()) {
            refuse(caller, auditAction, click, "no such alert");
            answer.tellClicker("This button does not name a Vigil alert; nothing was done.");
            return;
        }
        AlertId alertId = alert.get().alert().id();
        Optional<DefenderTarget> claimed = targets.of(alert.get().alert());
        if (claimed.isEmpty()) {
            refuse(caller, auditAction, click, "the alert names no Defender device of a configured tenant");
            answer.tellClicker(
                    "Alert " + alertId + " names no Defender device in a tenant Vigil acts in;" + " nothing was done.");
            return;
        }
        Optional<DefenderTarget> target = asDefenderKnowsIt(caller, auditAction, click, claimed.get(), alertId, answer);
        if (target.isEmpty()) {
            return;
        }
        String comment = action.get().what + " of " + target.get().label() + " requested in Slack by "
                + click.clicker().name() + " (Slack user " + click.slackUserId() + ") for Vigil alert " + alertId;
        String gated = action.get().kind.name().toLowerCase(java.util.Locale.ROOT);
        if (approvals.required(gated)) {
            hold(gated, click, caller, target.get(), action.get(), comment, alertId, answer);
            return;
        }
        DeviceResponse.Started started;
        try {
            started = start(caller, target.get(), action.get(), comment, alertId);
        } catch (DefenderApiError e) {
            answer.tellClicker("Defender refused the " + action.get().label + " on "
                    + target.get().label() + ": "
                    + (e.defenderMessage().isBlank() ? e.code() : e.defenderMessage()) + " (" + e.code() + ")."
                    + " Nothing was started.");
            return;
        } catch (DefenderException | IllegalArgumentException e) {
            answer.tellClicker("Vigil could not ask Defender for the " + action.get().label + " on "
                    + target.get().label() + ": " + e.getMessage() + ". Nothing was started; try again.");
            return;
        }
        MachineAction running = started.action();
        try {
            origins.remember(
                    running.id(),
                    alertId,
                    click.slackUserId(),
                    click.channelId(),
                    click.messageTs(),
                    target.get().deviceName());
        } catch (RuntimeException e) {
            // The action runs either way; only its end message loses the thread it belongs in.
            log.warn(
                    "Defender action {} started from Slack, but its origin was not stored: {}",
                    running.id(),
                    e.toString());
        }
        answer.tellChannel(
                started.existing()
                        ? action.get().label + " on " + target.get().label()
                                + " is already pending in Defender (action " + running.id() + ", " + running.status()
                                + "); nothing new was started."
                        : action.get().what + " of " + target.get().label() + " started by "
                                + click.clicker().name()
                                + ": Defender action " + running.id() + " (" + running.status()
                                + "). Vigil reports here when it ends.");
    }

    /**
     * The alert's device as Defender knows it, read through an audited call: its name becomes Defender's {@code
     * computerDnsName}. Empty, with the clicker told why, when Defender does not know the device, its name is
     * not the host the alert names, or Defender could not be asked.
     */
    private Optional<DefenderTarget> asDefenderKnowsIt(
            DefenderCalls.Caller caller,
            String auditAction,
            SlackButtonClick click,
            DefenderTarget claimed,
            AlertId alertId,
            SlackAnswer answer) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("alert", alertId.toString());
        details.put("via", AGENT);
        Machine machine;
        try {
            machine = calls.run(
                            caller,
                            "defender.machines.get",
                            claimed.tenant(),
                            "machine:" + claimed.deviceId(),
                            details,
                            requestId -> devices.get(claimed.tenant(), claimed.deviceId(), requestId))
                    .value();
        } catch (DefenderApiError e) {
            if (e.status() == 404) {
                deny(caller, auditAction, click, claimed, alertId, null, "Defender does not know the device");
                answer.tellClicker("Defender does not know device " + claimed.deviceId() + ", which alert " + alertId
                        + " names; nothing was done.");
                return Optional.empty();
            }
            answer.tellClicker("Defender refused to look up device " + claimed.deviceId() + ": "
                    + (e.defenderMessage().isBlank() ? e.code() : e.defenderMessage()) + " (" + e.code() + ")."
                    + " Nothing was started.");
            return Optional.empty();
        } catch (DefenderException | IllegalArgumentException e) {
            answer.tellClicker("Vigil could not look up device " + claimed.deviceId() + " in Defender: "
                    + e.getMessage() + ". Nothing was started; try again.");
            return Optional.empty();
        }
        if (!machine.id().equalsIgnoreCase(claimed.deviceId())
                || !DeviceNames.agree(claimed.deviceName(), machine.computerDnsName())) {
            deny(caller, auditAction, click, claimed, alertId, machine.computerDnsName(), DEVICE_MISMATCH);
            answer.tellClicker("Alert " + alertId + " names host " + DefenderCalls.shortened(claimed.deviceName())
                    + ", but Defender's device " + claimed.deviceId() + " is "
                    + (machine.computerDnsName() == null ? "unnamed" : machine.computerDnsName())
                    + "; nothing was done. Check where the alert came from.");
            return Optional.empty();
        }
        return Optional.of(new DefenderTarget(claimed.tenant(), claimed.deviceId(), machine.computerDnsName()));
    }

    /**
     * The one call into device response, audited like the API's. Kept to this method so that actions which
     * need a second person's approval can be routed through approvals here, and nowhere else.
     */
    DeviceResponse.Started start(
            DefenderCalls.Caller caller,
            DefenderTarget target,
            SlackDeviceAction action,
            String comment,
            AlertId alertId) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("scope", action.scope);
        details.put("comment", DefenderCalls.shortened(comment));
        details.put("alert", alertId.toString());
        details.put("via", AGENT);
        return calls.run(
                        caller,
                        action.auditAction(),
                        target.tenant(),
                        "machine:" + target.deviceId(),
                        details,
                        requestId -> {
                            var request = new DefenderMachineActions.Request(action.kind, action.scope, null, comment);
                            var result = response.start(
                                    target.tenant(), target.deviceId(), request, caller.name(), requestId);
                            details.put("action_id", result.action().id());
                            details.put("existing", Boolean.toString(result.existing()));
                            return result;
                        })
                .value();
    }

    /**
     * Holds the action for a second person (isolation, where the deployment wants it), as the API would: the
     * channel is told who asked and how to approve it. The preview reads the device from Defender.
     */
    private void hold(
            String operation,
            SlackButtonClick click,
            DefenderCalls.Caller caller,
            DefenderTarget target,
            SlackDeviceAction action,
            String comment,
            AlertId alertId,
            SlackAnswer answer) {
        ObjectNode request = json.createObjectNode()
                .put("machineId", target.deviceId())
                .put("type", action.scope)
                .put("comment", comment);
        Approver requester = new Approver(
                caller.name(), caller.name(), Grants.permissions(click.clicker().role(), Set.of()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("operation", operation);
        details.put("reason", DefenderCalls.shortened(comment));
        details.put("alert", alertId.toString());
        details.put("via", AGENT);
        Approval held;
        try {
            held = calls.run(
                            caller,
                            "defender.approvals.hold",
                            target.tenant(),
                            "machine:" + target.deviceId(),
                            details,
                            requestId -> {
                                Approval approval = approvals.hold(
                                        operation,
                                        target.tenant(),
                                        "machine:" + target.deviceId(),
                                        request,
                                        comment,
                                        requester,
                                        requestId);
                                details.put("approval_id", approval.id().toString());
                                return approval;
                            })
                    .value();
        } catch (DefenderException | IllegalArgumentException e) {
            answer.tellClicker("Vigil could not hold the " + action.label + " on " + target.label() + " for approval: "
                    + e.getMessage() + ". Nothing was started; try again.");
            return;
        }
        try {
            origins.rememberHeld(
                    held.id(), alertId, click.slackUserId(), click.channelId(), click.messageTs(), target.deviceName());
        } catch (RuntimeException e) {
            // The approval stands either way; only the end message loses the thread it belongs in.
            log.warn("Approval {} held from Slack, but its origin was not stored: {}", held.id(), e.toString());
        }
        answer.tellChannel(action.what + " of " + target.label() + " requested by "
                + click.clicker().name()
                + " waits for a second person's approval (approval " + held.id() + "): `vigil defender approvals"
                + " approve " + held.id() + " --comment …`, or POST /api/v1/defender/" + target.tenant()
                + "/approvals/" + held.id() + "/approve. Nothing runs until then.");
    }

    private Optional<StoredAlert> alert(String value) {
        try {
            return alerts.find(AlertId.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A click refused because of the device itself: denied, on the device, with both names for the record. */
    private void deny(
            DefenderCalls.Caller caller,
            String auditAction,
            SlackButtonClick click,
            DefenderTarget claimed,
            AlertId alertId,
            @Nullable String defenderName,
            String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("via", AGENT);
        details.put("slack_user", DefenderCalls.shortened(click.slackUserId()));
        details.put("reason", reason);
        details.put("alert", alertId.toString());
        details.put("tenant", claimed.tenant());
        details.put("alert_host", DefenderCalls.shortened(claimed.deviceName()));
        details.put("defender_name", DefenderCalls.shortened(defenderName));
        calls.record(caller, auditAction, "machine:" + claimed.deviceId(), AuditOutcome.DENIED, details);
    }

    private void refuse(DefenderCalls.Caller caller, String auditAction, SlackButtonClick click, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("via", AGENT);
        details.put("slack_user", DefenderCalls.shortened(click.slackUserId()));
        details.put("reason", reason);
        calls.record(
                caller, auditAction, "alert:" + DefenderCalls.shortened(click.value()), AuditOutcome.FAILURE, details);
    }

    static DefenderCalls.Caller callerOf(User clicker) {
        return new DefenderCalls.Caller("user:" + clicker.name(), null, AGENT);
    }
}
