package dev.vigil.notify.interaction;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import dev.vigil.access.Permission;
import dev.vigil.access.User;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertNotFound;
import dev.vigil.alert.AlertStatus;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.StoredAlert;
import dev.vigil.notify.SlackAnswer;
import dev.vigil.notify.SlackButtonClick;
import dev.vigil.notify.SlackButtonHandler;
import dev.vigil.notify.slack.AlertMessage;
import dev.vigil.notify.slack.SlackText;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out a verified click, after Slack has had its answer: finds the Vigil user behind the Slack user,
 * checks they may triage, changes the alert and audits it in one transaction, then replaces the Slack
 * message (with a line saying who did what) or tells the clicker why not. Every click is audited, refused
 * ones too: as {@code user:<name>}, or {@code slack:<id>} for a Slack user linked to nobody.
 */
final class ButtonClicks {

    private static final Logger log = LoggerFactory.getLogger(ButtonClicks.class);
    private static final int MAX_ECHO = 64;

    private final SlackClickers clickers;
    private final AlertStore alerts;
    private final AuditLog audit;
    private final AlertMessage messages;
    private final ResponseUrls responses;
    private final TransactionTemplate transaction;
    private final List<SlackButtonHandler> handlers;

    ButtonClicks(
            SlackClickers clickers,
            AlertStore alerts,
            AuditLog audit,
            AlertMessage messages,
            ResponseUrls responses,
            TransactionTemplate transaction,
            List<SlackButtonHandler> handlers) {
        this.handlers = List.copyOf(handlers);
        this.clickers = clickers;
        this.alerts = alerts;
        this.audit = audit;
        this.messages = messages;
        this.responses = responses;
        this.transaction = transaction;
    }

    /** What a button does: the audited action, and what the message says once it is done. */
    private enum Button {
        ACKNOWLEDGE("alert.acknowledge", "Acknowledged by "),
        ASSIGN("alert.assign", "Assigned to "),
        FALSE_POSITIVE("alert.false-positive", "Marked false positive by ");

        final String action;
        final String done;

        Button(String action, String done) {
            this.action = action;
            this.done = done;
        }

        static Optional<Button> of(String actionId) {
            return switch (actionId) {
                case AlertMessage.ACKNOWLEDGE -> Optional.of(ACKNOWLEDGE);
                case AlertMessage.ASSIGN_TO_ME -> Optional.of(ASSIGN);
                case AlertMessage.FALSE_POSITIVE -> Optional.of(FALSE_POSITIVE);
                default -> Optional.empty();
            };
        }
    }

    void handle(ButtonClick click) {
        Optional<URI> url = responses.allowed(click.responseUrl());
        if (url.isEmpty()) {
            // Signed by Slack, so this is a misconfigured prefix rather than an attack; still, no post.
            log.warn("A Slack click's response_url is not under vigil.slack.response-url-prefix; not answered");
        }
        Optional<User> user = clickers.userFor(click.slackUserId());
        String actor = user.map(u -> "user:" + u.name()).orElse("slack:" + clip(click.slackUserId()));
        Optional<SlackButtonHandler> handler = handlers.stream()
                .filter(h -> click.actionId().startsWith(h.actionIdPrefix()))
                .findFirst();
        if (handler.isPresent()) {
            handOver(handler.get(), click, user, actor, url);
            return;
        }
        Optional<Button> button = Button.of(click.actionId());
        if (button.isEmpty()) {
            record(actor, "slack.unknown-action", null, AuditOutcome.FAILURE, click, "unknown action_id");
            tell(url, "Vigil does not know this button (" + clip(click.actionId()) + "); nothing was changed.");
            return;
        }
        String action = button.get().action;
        String target = "alert:" + clip(click.value());
        Refusal refusal = refusal(user, Permission.ALERTS_TRIAGE, "may not triage alerts");
        if (refusal != null) {
            record(actor, action, target, AuditOutcome.DENIED, click, refusal.reason());
            tell(url, refusal.message() + " Nothing was changed.");
            return;
        }
        User clicker = user.orElseThrow();
        AlertId id;
        try {
            id = AlertId.parse(click.value());
        } catch (IllegalArgumentException e) {
            record(actor, action, target, AuditOutcome.FAILURE, click, "the button's value is not an alert id");
            tell(url, "This button does not name a Vigil alert; nothing was changed.");
            return;
        }
        StoredAlert changed;
        try {
            changed = transaction.execute(status -> apply(button.get(), id, clicker, click));
        } catch (AlertNotFound e) {
            record(actor, action, target, AuditOutcome.FAILURE, click, "no such alert");
            tell(url, "Vigil has no alert " + id + "; nothing was changed.");
            return;
        } catch (RuntimeException e) {
            log.error("A Slack click on alert {} failed", id, e);
            record(
                    actor,
                    action,
                    target,
                    AuditOutcome.FAILURE,
                    click,
                    "error: " + e.getClass().getSimpleName());
            tell(url, "Vigil could not carry this out (the error is logged); nothing was changed. Try again.");
            return;
        }
        if (url.isPresent() && changed != null) {
            try {
                responses.replace(url.get(), messages.of(changed, button.get().done + clicker.name()));
            } catch (RuntimeException e) {
                log.warn("Alert {} was changed, but its Slack message was not updated: {}", id, e.getMessage());
            }
        }
    }

    /**
     * A button another module carries out: the same link, enabled and permission checks (refusals audited
     * under the handler's action name), then the handler does the rest and answers through the response_url.
     */
    private void handOver(
            SlackButtonHandler handler, ButtonClick click, Optional<User> user, String actor, Optional<URI> url) {
        String action = handler.auditAction(click.actionId());
        String target = "alert:" + clip(click.value());
        Refusal refusal = refusal(
                user,
                handler.permission(),
                "lacks the permission " + handler.permission().id() + " this button needs");
        if (refusal != null) {
            record(actor, action, target, AuditOutcome.DENIED, click, refusal.reason());
            tell(url, refusal.message() + " Nothing was done.");
            return;
        }
        SlackButtonClick handed = new SlackButtonClick(
                user.orElseThrow(),
                click.slackUserId(),
                click.actionId(),
                click.value(),
                click.channelId(),
                click.messageTs());
        try {
            handler.handle(handed, new Answer(url, click.messageTs()));
        } catch (RuntimeException e) {
            log.error("A Slack click on {} failed", clip(click.actionId()), e);
            tell(url, "Vigil could not carry this out (the error is logged). Try again.");
        }
    }

    /** The handler's way back to Slack: this click's response_url, if it is one Vigil may post to. */
    private final class Answer implements SlackAnswer {
        private final Optional<URI> url;
        private final @Nullable String threadTs;

        Answer(Optional<URI> url, @Nullable String threadTs) {
            this.url = url;
            this.threadTs = threadTs;
        }

        @Override
        public void tellClicker(String text) {
            tell(url, text);
        }

        @Override
        public void tellChannel(String text) {
            if (url.isEmpty()) {
                return;
            }
            try {
                responses.tellChannel(url.get(), SlackText.escape(text), threadTs);
            } catch (RuntimeException e) {
                log.warn("Could not answer a Slack click in its channel: {}", e.getMessage());
            }
        }
    }

    private StoredAlert apply(Button button, AlertId id, User clicker, ButtonClick click) {
        StoredAlert before = alerts.find(id).orElseThrow(() -> AlertNotFound.forId(id.toString()));
        Map<String, String> details = new LinkedHashMap<>();
        StoredAlert after = switch (button) {
            case ACKNOWLEDGE -> alerts.changeStatus(id, AlertStatus.ACKNOWLEDGED);
            case FALSE_POSITIVE -> alerts.changeStatus(id, AlertStatus.FALSE_POSITIVE);
            case ASSIGN -> alerts.assign(id, clicker.name());
        };
        if (button == Button.ASSIGN) {
            details.put(
                    "assignee", (before.assignee() == null ? "(nobody)" : before.assignee()) + " -> " + clicker.name());
        } else {
            details.put("status", before.status() + " -> " + after.status());
        }
        record("user:" + clicker.name(), button.action, "alert:" + id, AuditOutcome.SUCCESS, click, null, details);
        return after;
    }

    /** Why a click is refused: for the audit log, and for the clicker. */
    private record Refusal(String reason, String message) {}

    private static @Nullable Refusal refusal(Optional<User> user, Permission needed, String otherwise) {
        if (user.isEmpty()) {
            return new Refusal(
                    "Slack user not linked to a Vigil user",
                    "Your Slack account is not linked to a Vigil user; an admin links it with"
                            + " `vigil users link --slack-user <your Slack id> --user <name>`.");
        }
        User u = user.get();
        if (!u.enabled()) {
            return new Refusal("user disabled", "Your Vigil user " + u.name() + " is disabled.");
        }
        if (!needed.grantedTo(u.role())) {
            return new Refusal(
                    "role " + u.role().id() + " lacks " + needed.id(),
                    "Your Vigil role (" + u.role().id() + ") " + otherwise + ".");
        }
        return null;
    }

    private void record(
            String actor,
            String action,
            @Nullable String target,
            AuditOutcome outcome,
            ButtonClick click,
            @Nullable String reason) {
        record(actor, action, target, outcome, click, reason, Map.of());
    }

    private void record(
            String actor,
            String action,
            @Nullable String target,
            AuditOutcome outcome,
            ButtonClick click,
            @Nullable String reason,
            Map<String, String> more) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("via", "slack");
        details.put("slack_user", clip(click.slackUserId()));
        details.put("action_id", clip(click.actionId()));
        if (reason != null) {
            details.put("reason", reason);
        }
        details.putAll(more);
        audit.record(new AuditEntry(actor, action, target, outcome, null, null, details));
    }

    private void tell(Optional<URI> url, String text) {
        if (url.isEmpty()) {
            return;
        }
        try {
            responses.tellClicker(url.get(), SlackText.escape(text));
        } catch (RuntimeException e) {
            log.warn("Could not answer a Slack click: {}", e.getMessage());
        }
    }

    /** Payload text echoed into the audit log and messages: bounded, never the whole of a hostile value. */
    private static String clip(String text) {
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
    }
}
