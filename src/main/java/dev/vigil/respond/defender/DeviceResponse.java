package dev.vigil.respond.defender;

import dev.vigil.respond.DefenderActionEnded;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Starts device response actions and keeps what it started: every action Defender accepts is stored for the
 * poller, and a repeat of an action already pending or in progress on the device (same type; for files, the
 * same file) is answered with that action instead of being sent again.
 */
public final class DeviceResponse {

    private static final Logger log = LoggerFactory.getLogger(DeviceResponse.class);

    private final DefenderMachineActions actions;
    private final StoredActions stored;
    private final ApplicationEventPublisher events;
    private final DefenderTenants tenants;
    private final Clock clock;

    DeviceResponse(
            DefenderMachineActions actions,
            StoredActions stored,
            ApplicationEventPublisher events,
            DefenderTenants tenants,
            Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
        this.actions = actions;
        this.stored = stored;
        this.events = events;
    }

    /** The action asked for, and whether it was one already running rather than a new one. */
    public record Started(MachineAction action, boolean existing) {}

    public Started start(
            String tenant,
            String machineId,
            DefenderMachineActions.Request request,
            String requestedBy,
            String requestId) {
        String sha1 = request.sha1() == null ? null : request.sha1().toLowerCase(Locale.ROOT);
        Optional<StoredActions.Row> known =
                stored.active(tenant, machineId, request.kind().type(), sha1);
        if (known.isPresent()) {
            // Vigil's row may lag behind Defender: ask, and only a still-running action counts as a repeat.
            MachineAction current = current(tenant, known.get(), requestId);
            if (current != null && !current.ended()) {
                return new Started(current, true);
            }
        }
        MachineAction started;
        try {
            started = actions.start(tenant, machineId, request, requestId);
        } catch (DefenderApiError e) {
            Optional<MachineAction> running = alreadyRunning(e)
                    ? runningInDefender(tenant, machineId, request, sha1, requestId)
                    : Optional.empty();
            if (running.isEmpty()) {
                throw e;
            }
            // Started outside Vigil (the portal, another tool): kept and polled from now on like Vigil's own.
            log.info(
                    "Defender already runs {} {} on {} in tenant {}",
                    running.get().type(),
                    running.get().id(),
                    machineId,
                    tenant);
            stored.insert(
                    tenant,
                    running.get(),
                    requestedBy,
                    running.get().requestorComment() == null
                            ? request.comment()
                            : running.get().requestorComment());
            return new Started(running.get(), true);
        }
        stored.insert(tenant, started, requestedBy, request.comment());
        return new Started(started, false);
    }

    /** Defender's view of a stored action, recorded; null when Defender no longer knows it. */
    private @Nullable MachineAction current(String tenant, StoredActions.Row row, String requestId) {
        try {
            MachineAction current = actions.get(tenant, row.id(), requestId);
            observe(tenant, current);
            return current;
        } catch (DefenderApiError e) {
            if (e.status() == 404) {
                stored.pollFailed(row.id(), "Defender no longer knows this action");
                return null;
            }
            throw e;
        }
    }

    /** Defender's refusal of a repeat: 400 {@code ActiveRequestAlreadyExists} or "already in progress". */
    private static boolean alreadyRunning(DefenderApiError e) {
        return e.status() == 400
                && ("ActiveRequestAlreadyExists".equals(e.code())
                        || e.defenderMessage().toLowerCase(Locale.ROOT).contains("already in progress"));
    }

    private Optional<MachineAction> runningInDefender(
            String tenant,
            String machineId,
            DefenderMachineActions.Request request,
            @Nullable String sha1,
            String requestId) {
        List<MachineAction> found =
                actions.list(tenant, machineId, request.kind().type(), null, 100, requestId);
        return found.stream()
                .filter(a -> !a.ended())
                .filter(a -> sha1 == null
                        || (a.relatedFileInfo() != null
                                && sha1.equalsIgnoreCase(a.relatedFileInfo().fileIdentifier())))
                .findFirst();
    }

    public List<MachineAction> list(
            String tenant,
            @Nullable String machineId,
            @Nullable String type,
            @Nullable String status,
            int top,
            String requestId) {
        return actions.list(tenant, machineId, type, status, top, requestId);
    }

    /** What Vigil runs on the device now, as "Isolate (Pending)". */
    public List<String> active(String tenant, String machineId) {
        return stored.runningOn(tenant, machineId);
    }

    public MachineAction get(String tenant, String actionId, String requestId) {
        MachineAction action = actions.get(tenant, actionId, requestId);
        observe(tenant, action);
        return action;
    }

    public MachineAction cancel(String tenant, String actionId, String comment, String requestId) {
        MachineAction action = actions.cancel(tenant, actionId, comment, requestId);
        observe(tenant, action);
        return action;
    }

    public String packageUri(String tenant, String actionId, String requestId) {
        return actions.packageUri(tenant, actionId, requestId);
    }

    /**
     * One round of polling: stored actions not yet ended and not polled within {@code minAge}, longest
     * unpolled first, are each asked for once. A failure is recorded on the row and the round goes on; the
     * next round tries again. An action Vigil can no longer follow ends as Failed, announced like any end:
     * one whose tenant left the configuration at once, one Defender answers 404 for once it is older than
     * {@code forgetAfter} (a fresh action may not be readable everywhere in Defender yet).
     */
    public int pollOnce(int limit, Duration minAge, Duration forgetAfter) {
        List<StoredActions.Row> due = stored.claimDue(limit, minAge);
        for (StoredActions.Row row : due) {
            if (Thread.currentThread().isInterrupted()) {
                // Shutting down: the rest waits for the next instance's round, not recorded as failures.
                break;
            }
            if (!tenants.contains(row.tenant())) {
                abandon(row, "tenant '" + row.tenant() + "' is no longer configured");
                continue;
            }
            try {
                observe(
                        row.tenant(),
                        actions.get(row.tenant(), row.id(), UUID.randomUUID().toString()));
            } catch (DefenderApiError e) {
                if (e.status() == 404
                        && row.createdAt().isBefore(clock.instant().minus(forgetAfter))) {
                    abandon(row, "Defender no longer knows this action (404)");
                } else {
                    failed(row, e);
                }
            } catch (RuntimeException e) {
                failed(row, e);
            }
        }
        return due.size();
    }

    private void failed(StoredActions.Row row, RuntimeException e) {
        log.warn("Polling Defender action {} in tenant {} failed: {}", row.id(), row.tenant(), e.getMessage());
        // Never null: a null error column would read as "the last poll went well".
        stored.pollFailed(row.id(), e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private void abandon(StoredActions.Row row, String why) {
        log.warn("Defender action {} in tenant {} is no longer followed: {}", row.id(), row.tenant(), why);
        if (stored.abandoned(row.id(), why)) {
            events.publishEvent(new DefenderActionEnded(row.tenant(), row.id(), row.machineId(), row.type(), "Failed"));
        }
    }

    /** Records a status Defender reported for a stored action; the one change into an end state is announced. */
    private void observe(String tenant, MachineAction action) {
        // An action Vigil did not start matches no row: nothing is recorded and nothing announced.
        if (stored.observed(action.id(), action.status())) {
            events.publishEvent(
                    new DefenderActionEnded(tenant, action.id(), action.machineId(), action.type(), action.status()));
        }
    }
}
