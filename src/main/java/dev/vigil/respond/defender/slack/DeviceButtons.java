package dev.vigil.respond.defender.slack;

import dev.vigil.alert.Alert;
import dev.vigil.notify.AlertButton;
import dev.vigil.notify.AlertButtons;
import java.util.List;
import java.util.Optional;

/**
 * "Isolate device" and "Run AV scan" on an alert's Slack message, only when the alert names a Defender device
 * in a configured tenant. The value is the alert id: the click finds the device from the stored alert again,
 * so a button can never act on a device the alert does not name. Isolation asks for confirmation first.
 */
final class DeviceButtons implements AlertButtons {

    private final DefenderTargets targets;

    DeviceButtons(DefenderTargets targets) {
        this.targets = targets;
    }

    @Override
    public List<AlertButton> forAlert(Alert alert) {
        Optional<DefenderTarget> target = targets.of(alert);
        if (target.isEmpty()) {
            return List.of();
        }
        String value = alert.id().toString();
        String device = target.get().label();
        return List.of(
                new AlertButton(
                        SlackDeviceAction.ISOLATE.label,
                        SlackDeviceAction.ISOLATE.actionId,
                        value,
                        true,
                        new AlertButton.Confirm(
                                "Isolate " + device + "?",
                                "Defender cuts " + device + " off the network (full isolation) until someone releases"
                                        + " it. The request is made in your name and audited.",
                                "Isolate",
                                "Cancel")),
                new AlertButton(SlackDeviceAction.SCAN.label, SlackDeviceAction.SCAN.actionId, value, false, null));
    }
}
