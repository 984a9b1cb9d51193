package dev.vigil.respond.defender.approval;

import dev.vigil.respond.defender.DefenderProblems;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Second-person approval of destructive Defender operations. An endpoint asks {@link #required} before it
 * acts; when the operation is configured to wait, it {@link #hold}s the request instead (with a preview of
 * what it would affect) and answers 202. Another person holding the same permission then approves it, and
 * the request runs once, as its requester's; or it is rejected, or it expires after {@code ttl}.
 */
public class Approvals {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Approvals.class);

    /** An approved run that never recorded its outcome (the instance died mid-run) is failed after this. */
    static final java.time.Duration OUTCOME_UNKNOWN_AFTER = java.time.Duration.ofMinutes(15);

    private final ApprovalStore store;
    private final ApprovalProperties properties;
    private final Map<String, GatedOperation> operations;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    Approvals(
            ApprovalStore store,
            ApprovalProperties properties,
            List<GatedOperation> operations,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.events = events;
        this.properties = properties;
        this.operations = operations.stream().collect(Collectors.toUnmodifiableMap(GatedOperation::name, o -> o));
        this.clock = clock;
        Set<String> unknown = new TreeSet<>(properties.required());
        unknown.removeAll(this.operations.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("vigil.defender.approvals.required names unknown operations " + unknown
                    + "; known: " + new TreeSet<>(this.operations.keySet()));
        }
    }

    /** Whether the operation waits for a second person in this deployment. */
    public boolean required(String operation) {
        return properties.required().contains(operation);
    }

    /** What the request would affect, without holding or running it. */
    public JsonNode preview(String operation, String tenant, JsonNode request, String requestId) {
        return operation(operation).preview(tenant, request, requestId);
    }

    /** Holds the request for approval, with its preview; nothing reaches Defender beyond the preview's reads. */
    public Approval hold(
            String operation,
            String tenant,
            String target,
            JsonNode request,
            String reason,
            Approver requester,
            String requestId) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required: say why");
        }
        if (requester.person() == null) {
            // Else one person could ask with a key bound to nobody and approve as themselves.
            throw new ApprovalRefused("'" + operation + "' waits for a second person, so it must be asked for by a"
                    + " person too: use a key bound to a user, or sign in");
        }
        JsonNode preview = operation(operation).preview(tenant, request, requestId);
        Instant now = clock.instant();
        Approval held = new Approval(
                UUID.randomUUID(),
                tenant,
                operation,
                target,
                request,
                preview,
                reason,
                requester.name(),
                now,
                now.plus(properties.ttl()),
                "pending",
                null,
                null,
                null,
                null,
                null);
        store.insert(held, requester.personOrName());
        return held;
    }

    public List<Approval> list(String tenant, @Nullable String status, int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("'limit' must be between 1 and 500");
        }
        if (status != null
                && !Set.of("pending", "approved", "executed", "failed", "rejected", "expired")
                        .contains(status)) {
            throw new IllegalArgumentException(
                    "'status' must be one of pending, approved, executed, failed, rejected, expired");
        }
        return store.list(tenant, status, limit, clock.instant());
    }

    public Approval get(String tenant, UUID id) {
        store.expire(clock.instant());
        return store.find(tenant, id).orElseThrow(() -> new NoSuchApproval(tenant, id));
    }

    /**
     * Approves and runs the held request. Only a person other than the requester, holding the operation's
     * permission, may; of two approving at once, one runs it and the other is told it is no longer pending.
     * A failure of the run is recorded on the approval and thrown, so the caller sees Defender's answer.
     */
    public Approval approve(String tenant, UUID id, Approver approver, String comment, String requestId) {
        Approval held = decidable(tenant, id, approver, comment);
        if (approver.person() == null) {
            throw new ApprovalRefused("an approval needs a person: use a key bound to a user, or sign in");
        }
        if (approver.person().equals(store.requesterPerson(id))) {
            throw new ApprovalRefused("a second person must approve: you asked for this yourself");
        }
        if (!store.decide(id, "approved", approver.name(), comment, clock.instant())) {
            throw new ApprovalClosed(get(tenant, id).status());
        }
        GatedOperation operation = operation(held.operation());
        JsonNode answered;
        try {
            answered = json.valueToTree(operation.execute(tenant, held.request(), held.requestedBy(), requestId));
            store.executed(id, answered);
        } catch (RuntimeException e) {
            store.failed(id, DefenderProblems.errorOf(e));
            throw e;
        }
        // After the outcome is recorded: a listener's failure cannot make a run look failed.
        try {
            events.publishEvent(new ApprovalExecuted(tenant, id, held.operation(), answered));
        } catch (RuntimeException e) {
            log.warn("A listener of approval {} failed: {}", id, e.toString());
        }
        return decided(tenant, id);
    }

    /** Rejects the held request; its requester may also withdraw it this way. Nothing is run. */
    public Approval reject(String tenant, UUID id, Approver approver, String comment) {
        decidable(tenant, id, approver, comment);
        if (!store.decide(id, "rejected", approver.name(), comment, clock.instant())) {
            throw new ApprovalClosed(get(tenant, id).status());
        }
        return decided(tenant, id);
    }

    /** A row just decided: no expiry sweep can touch it, so it is read as it stands. */
    private Approval decided(String tenant, UUID id) {
        return store.find(tenant, id).orElseThrow(() -> new NoSuchApproval(tenant, id));
    }

    private Approval decidable(String tenant, UUID id, Approver approver, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("'comment' is required: say why");
        }
        Approval held = get(tenant, id);
        if (!"pending".equals(held.status())) {
            throw new ApprovalClosed(held.status());
        }
        GatedOperation operation = operation(held.operation());
        if (!approver.permissions().contains(operation.permission())) {
            throw new ApprovalRefused("deciding on '" + held.operation() + "' needs the permission "
                    + operation.permission().id());
        }
        return held;
    }

    private GatedOperation operation(String name) {
        GatedOperation operation = operations.get(name);
        if (operation == null) {
            throw new IllegalStateException("no gated operation '" + name + "'");
        }
        return operation;
    }

    /** No approval with that id in the tenant. */
    public static final class NoSuchApproval extends DefenderProblems.NotFound {
        NoSuchApproval(String tenant, UUID id) {
            super("no approval " + id + " in Defender tenant '" + tenant + "'");
        }
    }
}
