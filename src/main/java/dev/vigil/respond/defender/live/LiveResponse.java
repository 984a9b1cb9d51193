package dev.vigil.respond.defender.live;

import dev.vigil.respond.DefenderActionEnded;
import dev.vigil.respond.defender.DefenderApiError;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderProblems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live-response sessions: started within the tenant's limits (refused, never queued, beyond them), polled until
 * Defender ends them, then each completed command's result fetched and kept — a script's exit code and output,
 * a file's bytes with their SHA-256 — before the session counts as ended and {@link DefenderActionEnded} is
 * published.
 */
final class LiveResponse {

    private static final Logger log = LoggerFactory.getLogger(LiveResponse.class);
    /** The least time before a session still 'Starting' counts as lost. */
    private static final Duration LEAST_LOST_START = Duration.ofMinutes(15);

    private final DefenderLiveResponse defender;
    private final ResultDownloads downloads;
    private final LiveSessions sessions;
    private final StartsPerMinute perMinute;
    private final int maxConcurrent;
    private final Duration pollInterval;
    private final Duration lostStart;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    LiveResponse(
            DefenderLiveResponse defender,
            ResultDownloads downloads,
            LiveSessions sessions,
            StartsPerMinute perMinute,
            int maxConcurrent,
            Duration pollInterval,
            Duration lostStart,
            ApplicationEventPublisher events,
            Clock clock) {
        this.defender = defender;
        this.downloads = downloads;
        this.sessions = sessions;
        this.perMinute = perMinute;
        this.maxConcurrent = maxConcurrent;
        this.pollInterval = pollInterval;
        this.lostStart = lostStart;
        this.events = events;
        this.clock = clock;
    }

    LiveSession start(String tenant, String machineId, LiveRequest request, String requestedBy, String requestId) {
        DefenderLiveResponse.checkedMachine(machineId);
        UUID id = UUID.randomUUID();
        sessions.reserve(
                id,
                tenant,
                machineId,
                requestedBy,
                request,
                defender.commands(request.commands()),
                maxConcurrent,
                perMinute);
        LiveAction action;
        try {
            action = defender.start(tenant, machineId, request, requestId);
        } catch (DefenderApiError e) {
            sessions.refused(id, DefenderProblems.errorOf(e) + ": " + DefenderCalls.shortened(e.defenderMessage()));
            if (e.status() == 400 && "ActiveRequestAlreadyExists".equals(e.code())) {
                throw new MachineBusy("Defender already runs a live-response session on device " + machineId
                        + " (started outside Vigil?)");
            }
            throw e;
        } catch (RuntimeException e) {
            sessions.refused(id, DefenderProblems.errorOf(e));
            throw e;
        }
        sessions.started(id, action);
        return session(tenant, machineId, id);
    }

    /**
     * How long a session may stay 'Starting' (its row written, Defender's answer not yet recorded) before it
     * counts as lost — Vigil stopped mid-call — and frees its place. The start may still be in flight on another
     * instance until then: each of its {@code max-retries + 1} attempts may wait up to {@code max-wait} for the
     * quota limiter, take up to {@code timeout}, then wait up to {@code max-wait} again (a Retry-After), and a
     * token request may come first. Never less than fifteen minutes.
     */
    static Duration lostStartAfter(Duration timeout, int maxRetries, Duration maxWait) {
        Duration worst = maxWait.multipliedBy(2)
                .plus(timeout)
                .multipliedBy(maxRetries + 1L)
                .plus(timeout);
        return worst.compareTo(LEAST_LOST_START) > 0 ? worst : LEAST_LOST_START;
    }

    LiveSession session(String tenant, String machineId, UUID id) {
        return sessions.find(tenant, machineId, id)
                .orElseThrow(() -> new NoSuchSession(
                        "no live-response session " + id + " on device " + machineId + " in tenant '" + tenant + "'"));
    }

    LiveSessions.FileBytes file(String tenant, String machineId, UUID id, int index) {
        return sessions.file(tenant, machineId, id, index)
                .orElseThrow(() ->
                        new NoSuchSession("no file kept for command " + index + " of live-response session " + id));
    }

    List<DefenderLiveResponse.LibraryFile> library(String tenant, String requestId) {
        return defender.library(tenant, requestId);
    }

    /**
     * One polling round: each open session not polled within the poll interval (by this instance or another),
     * claimed so that no other instance polls it meanwhile, is asked for once; an ended one has its results
     * fetched and is closed. A failure is recorded on the session and the round goes on.
     */
    int pollOnce(int limit) {
        List<LiveSessions.Open> due = sessions.claimDue(limit, pollInterval);
        for (LiveSessions.Open open : due) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                poll(open);
            } catch (RuntimeException e) {
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.warn("Polling live-response session {} in tenant {} failed: {}", open.id(), open.tenant(), error);
                sessions.pollFailed(open.id(), error);
            }
        }
        return due.size();
    }

    private void poll(LiveSessions.Open open) {
        if (open.actionId() == null) {
            if (open.createdAt().plus(lostStart).isBefore(clock.instant())) {
                sessions.refused(open.id(), "Defender's answer to the start was never recorded");
            }
            return;
        }
        LiveAction action;
        try {
            action = defender.get(
                    open.tenant(), open.actionId(), UUID.randomUUID().toString());
        } catch (DefenderApiError e) {
            if (e.status() == 404) {
                // Nothing left to ask or fetch: ended, so it no longer holds the device or a place.
                sessions.lost(open.id(), "Defender no longer knows action " + open.actionId());
                return;
            }
            throw e;
        }
        sessions.observed(open.id(), action);
        if (!action.ended()) {
            return;
        }
        for (LiveSessions.Pending pending : sessions.resultsToFetch(open.id())) {
            keep(open, pending);
        }
        if (sessions.end(open.id(), action.status())) {
            log.info(
                    "Live-response session {} ({}) on {} in tenant {} ended {}",
                    open.id(),
                    open.actionId(),
                    open.machineId(),
                    open.tenant(),
                    action.status());
            events.publishEvent(new DefenderActionEnded(
                    open.tenant(), open.actionId(), open.machineId(), "LiveResponse", action.status()));
        }
    }

    /** Fetches one command's result and keeps it; a failure is kept in its place, so the session can still end. */
    private void keep(LiveSessions.Open open, LiveSessions.Pending pending) {
        try {
            String link = defender.resultLink(
                    open.tenant(),
                    open.actionId(),
                    pending.index(),
                    UUID.randomUUID().toString());
            byte[] content = downloads.get(link);
            if (pending.type() == LiveCommand.Type.RunScript) {
                keepScript(open.id(), pending.index(), content);
            } else {
                sessions.keepFile(open.id(), pending.index(), content, sha256(content));
            }
        } catch (RuntimeException e) {
            String error = e instanceof DefenderApiError api
                    ? DefenderProblems.errorOf(api)
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn(
                    "Keeping the result of command {} of live-response session {} failed: {}",
                    pending.index(),
                    open.id(),
                    error);
            sessions.resultLost(open.id(), pending.index(), error);
        }
    }

    /** Defender's RunScript result: {@code {"script_name", "exit_code", "script_output", "script_errors"}}. */
    private void keepScript(UUID id, int index, byte[] content) {
        JsonNode result;
        try {
            result = json.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new UnreadableAnswer("the RunScript result is not JSON");
        }
        if (result == null || !result.isObject()) {
            throw new UnreadableAnswer("the RunScript result is not a JSON object");
        }
        sessions.keepScript(
                id,
                index,
                result.path("exit_code").isIntegralNumber()
                        ? result.path("exit_code").asInt()
                        : null,
                text(result.get("script_output")),
                text(result.get("script_errors")));
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isString() ? node.asString() : node.toString();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
