package dev.vigil.respond.defender.hunting;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.AlertsAccepted;
import dev.vigil.ingest.AtRestPseudonymisation;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderProblems;
import dev.vigil.respond.defender.DefenderTenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Runs saved queries on their schedule and turns each new result row into an alert with source {@code
 * hunting}. A run asks Graph for the window from the query's watermark (less {@code overlap}, for events
 * Defender records late) to now, so a restart or a failed run skips nothing; the overlap returns rows already
 * alerted on, and the seen-row ledger keeps those to one alert. Alerts, seen rows, the run and the new
 * watermark are committed together, and triage is told at once.
 */
final class ScheduledHunts {

    private static final Logger log = LoggerFactory.getLogger(ScheduledHunts.class);

    /** Defender keeps hunting data this long: no window reaches further back, no seen row need be kept longer. */
    static final Duration RETENTION = Duration.ofDays(30);

    static final DefenderCalls.Caller SCHEDULER = new DefenderCalls.Caller("vigil:hunting-scheduler", null, null);

    private final SavedQueries queries;
    private final HuntLedger ledger;
    private final Hunting hunting;
    private final DefenderCalls calls;
    private final DefenderTenants tenants;
    private final AlertStore alerts;
    private final AtRestPseudonymisation pii;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Duration overlap;
    private final int maxAlertsPerRun;
    private final Clock clock;

    ScheduledHunts(
            SavedQueries queries,
            HuntLedger ledger,
            Hunting hunting,
            DefenderCalls calls,
            DefenderTenants tenants,
            AlertStore alerts,
            AtRestPseudonymisation pii,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            Duration overlap,
            int maxAlertsPerRun,
            Clock clock) {
        this.queries = queries;
        this.ledger = ledger;
        this.hunting = hunting;
        this.calls = calls;
        this.tenants = tenants;
        this.alerts = alerts;
        this.pii = pii;
        this.events = events;
        this.tx = tx;
        this.overlap = overlap;
        this.maxAlertsPerRun = maxAlertsPerRun;
        this.clock = clock;
    }

    /** Runs up to {@code limit} due queries, each claimed so that no other instance runs it this period. */
    int runDue(int limit) {
        int ran = 0;
        while (ran < limit) {
            var claimed = queries.claimDue(tenants.names(), clock.instant());
            if (claimed.isEmpty()) {
                break;
            }
            run(claimed.get());
            ran++;
        }
        return ran;
    }

    /** One scheduled run of a claimed query; a failure is recorded with the run and leaves the watermark. */
    HuntRun run(SavedQuery query) {
        Instant started = clock.instant();
        // Whole seconds: the watermark is stored at the database's precision and must meet the next window exactly.
        Instant end = started.truncatedTo(ChronoUnit.SECONDS);
        Instant start = windowStart(query, end);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("query", DefenderCalls.shortened(query.query()));
        details.put("window", Timespans.between(start, end));
        try {
            HuntRun run = calls.run(
                            SCHEDULER,
                            "defender.hunting.scheduled",
                            query.tenant(),
                            "hunting-query:" + query.name(),
                            details,
                            requestId -> {
                                HuntingResult result = hunting.run(
                                        query.tenant(),
                                        query.query(),
                                        Timespans.between(start, end),
                                        Hunting.MAX_ROWS,
                                        requestId);
                                HuntRun done = raise(query, result, started, start, end);
                                details.put("rows", Integer.toString(done.rows()));
                                details.put("alerts_raised", Integer.toString(done.alertsRaised()));
                                return done;
                            })
                    .value();
            if (run.alertsRaised() > 0) {
                events.publishEvent(new AlertsAccepted(run.alertsRaised()));
            }
            return run;
        } catch (RuntimeException e) {
            String error = DefenderProblems.errorOf(e);
            log.warn("Scheduled hunt '{}' in tenant {} failed: {}", query.name(), query.tenant(), error);
            HuntRun failed = new HuntRun(0, started, clock.instant(), start, end, 0, 0, false, error);
            try {
                ledger.recordRun(query.tenant(), query.name(), failed);
            } catch (RuntimeException deleted) {
                // The query was deleted while it ran, taking its history with it: nothing left to record on.
                log.debug("Could not record the failed run of '{}': {}", query.name(), deleted.toString());
            }
            return failed;
        }
    }

    /** From the watermark less the overlap; a first run looks back one interval (and the overlap). */
    Instant windowStart(SavedQuery query, Instant end) {
        Instant from = query.coveredUntil() != null
                ? query.coveredUntil().minus(overlap)
                : end.minus(query.schedule().interval()).minus(overlap);
        Instant oldest = end.minus(RETENTION);
        if (from.isBefore(oldest)) {
            from = oldest;
        }
        return from.isBefore(end) ? from : end.minus(overlap);
    }

    /**
     * Stores an alert for each row not seen before, at most {@code maxAlertsPerRun}. When more were new, the
     * watermark does not pass this window's start, so the next run asks for it again and raises the rest.
     */
    private HuntRun raise(SavedQuery query, HuntingResult result, Instant started, Instant start, Instant end) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode row : result.results()) {
            byKey.putIfAbsent(HuntAlerts.rowKey(row), row);
        }
        return tx.execute(s -> {
            List<String> seen = ledger.seen(query.tenant(), query.name(), List.copyOf(byKey.keySet()));
            seen.forEach(byKey::remove);
            Instant now = clock.instant();
            List<Alert> raised = new ArrayList<>();
            for (Map.Entry<String, JsonNode> fresh : byKey.entrySet()) {
                if (raised.size() == maxAlertsPerRun) {
                    break;
                }
                Alert alert = pii.apply(HuntAlerts.toAlert(
                        query.tenant(),
                        query.name(),
                        query.description(),
                        query.schedule().severity(),
                        fresh.getValue(),
                        now));
                if (ledger.markSeen(query.tenant(), query.name(), fresh.getKey(), alert.id(), now)) {
                    raised.add(alert);
                }
            }
            if (!raised.isEmpty()) {
                alerts.append(raised);
            }
            boolean truncated = byKey.size() > maxAlertsPerRun || result.truncated();
            // Cut short, the next run must ask for this window again: its start, plus the overlap it subtracts
            // (which leaves a watermark as it was, and gives a first run one where it had none).
            ledger.covered(query.tenant(), query.name(), truncated ? start.plus(overlap) : end);
            // Graph's own cap: asking for the window again would meet it again, so the run goes on and says so.
            String capped = result.rowCount() >= Hunting.MAX_ROWS
                    ? "Graph's cap of " + Hunting.MAX_ROWS + " rows was reached: later rows of this window may be"
                            + " missing; narrow the query or shorten its interval"
                    : null;
            if (capped != null) {
                log.warn("Saved query {} in tenant {}: {}", query.name(), query.tenant(), capped);
            }
            HuntRun run = new HuntRun(
                    0, started, clock.instant(), start, end, result.rowCount(), raised.size(), truncated, capped);
            ledger.recordRun(query.tenant(), query.name(), run);
            return run;
        });
    }
}
