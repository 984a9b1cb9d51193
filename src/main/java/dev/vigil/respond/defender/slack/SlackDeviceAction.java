package dev.vigil.respond.defender.slack;

import dev.vigil.respond.defender.ActionKind;
import java.util.Optional;

/**
 * The device actions Slack offers, each with its button and the scope it starts with: a full isolation
 * (the containment an analyst reaches for from chat) and a quick scan (minutes, not hours).
 */
enum SlackDeviceAction {
    ISOLATE("vigil.defender.isolate", "Isolate device", ActionKind.ISOLATE, "Full", "Isolation"),
    SCAN("vigil.defender.scan", "Run AV scan", ActionKind.SCAN, "Quick", "Quick antivirus scan");

    static final String PREFIX = "vigil.defender.";

    final String actionId;
    final String label;
    final ActionKind kind;
    final String scope;
    final String what;

    SlackDeviceAction(String actionId, String label, ActionKind kind, String scope, String what) {
        this.actionId = actionId;
        this.label = label;
        this.kind = kind;
        this.scope = scope;
        this.what = what;
    }

    /** The audit action, as the API's endpoint for the same action records it. */
    String auditAction() {
        return "defender.actions." + name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<SlackDeviceAction> of(String actionId) {
        for (SlackDeviceAction action : values()) {
            if (action.actionId.equals(actionId)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
