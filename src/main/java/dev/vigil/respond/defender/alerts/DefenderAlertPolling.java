package dev.vigil.respond.defender.alerts;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.AlertIntake;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.RevisedRecord;
import dev.vigil.ingest.RevisionResult;
import dev.vigil.respond.defender.DefenderApi;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderException;
import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderProblems;
import dev.vigil.respond.defender.DefenderQuota;
import dev.vigil.respond.defender.OData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Defender alerts as an ingest source: each poll asks Graph for a tenant's {@code alerts_v2} updated since its
 * watermark less an overlap, reads every page of that one query, and stores them page by page through the
 * ordinary intake (parsing, pseudonymisation, the triage queue). Graph promises no order for {@code alerts_v2}
 * (external-apis §3.3: {@code $count, $filter, $skip, $top}), so nothing is skipped by position: every alert of
 * every page goes to the intake, which stores a version only if it is newer than the one Vigil has. The
 * watermark moves only after the last page, to the latest {@code lastUpdateDateTime} seen (no later than the
 * poll's start); a poll cut short leaves it where it was, and the next reads those alerts again, as unchanged.
 *
 * <p>Graph {@code alerts_v2} rather than Defender's {@code /api/alerts}: it carries alerts of every Defender
 * product (Endpoint, Identity, Office 365, Cloud Apps), its evidence is inline, and Vigil's Graph parser reads it.
 */
public final class DefenderAlertPolling {

    private static final Logger log = LoggerFactory.getLogger(DefenderAlertPolling.class);

    static final String ALERTS_PATH = "v1.0/security/alerts_v2";

    /** How long a poll keeps its tenant from other instances without storing a page; a page extends it. */
    static final Duration LEASE = Duration.ofMinutes(10);

    /**
     * Pages one poll follows at most, against a server whose {@code @odata.nextLink}s never end. The watermark
     * moves only after a complete poll, so this is far above any backlog: 10,000 pages of {@code page-size}.
     */
    static final int MAX_PAGES = 10_000;

    private final DefenderHttp http;
    private final AlertIntake intake;
    private final StoredWatermarks watermarks;
    private final TransactionTemplate tx;
    private final DefenderAlertsProperties properties;
    private final Set<String> tenants;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final JsonMapper json = JsonMapper.builder().build();

    DefenderAlertPolling(
            DefenderHttp http,
            AlertIntake intake,
            StoredWatermarks watermarks,
            TransactionTemplate tx,
            DefenderAlertsProperties properties,
            Set<String> tenants,
            Clock clock) {
        this.http = http;
        this.intake = intake;
        this.watermarks = watermarks;
        this.tx = tx;
        this.properties = properties;
        this.tenants = Set.copyOf(tenants);
        this.clock = clock;
    }

    /** The configured tenants this deployment polls: none unless polling is enabled. */
    public Set<String> polledTenants() {
        return properties.pollEnabled() ? tenants : Set.of();
    }

    /** Where polling of the tenant stands; a tenant never polled has no watermark yet. */
    public AlertPollerStatus status(String tenant) {
        boolean polled = polledTenants().contains(tenant);
        return watermarks
                .status(tenant, polled)
                .orElseGet(() -> new AlertPollerStatus(tenant, polled, null, null, 0, null, null, 0, 0, 0));
    }

    /** Polls the tenant once, unless another instance is polling it; records how it ended. */
    PollRound pollOnce(String tenant) {
        Instant startedAt = clock.instant();
        Watermark initial = Watermark.startingAt(startedAt.minus(properties.initialLookback()));
        if (!watermarks.claim(tenant, instance, initial, LEASE)) {
            return PollRound.notClaimed();
        }
        Progress progress = new Progress();
        String error = null;
        try {
            Watermark from = tx.execute(s -> watermarks.locked(tenant));
            Watermark reached = from;
            String path = firstPage(from);
            while (path != null) {
                if (progress.pages == MAX_PAGES) {
                    throw new MalformedAlertPage("alerts_v2 linked more than " + MAX_PAGES + " pages in one poll");
                }
                DefenderHttp.Page page = http.page(new DefenderHttp.Call(
                        tenant,
                        DefenderApi.GRAPH,
                        DefenderQuota.GRAPH_SECURITY,
                        "GET",
                        path,
                        null,
                        UUID.randomUUID().toString()));
                AlertPages.Read read = AlertPages.read(page.body());
                tx.executeWithoutResult(s -> store(tenant, read, progress));
                reached = reached.after(read.alerts());
                path = page.nextLink();
            }
            Watermark next = from.afterPoll(reached, startedAt);
            tx.executeWithoutResult(s -> {
                // Never back, should another instance have moved it while this one's lease had run out.
                Watermark current = watermarks.locked(tenant);
                if (!next.at().isBefore(current.at())) {
                    watermarks.move(tenant, next);
                }
            });
        } catch (RuntimeException e) {
            error = describe(e);
            log.warn("Polling Defender alerts of tenant {} failed: {}", tenant, error);
        } finally {
            watermarks.finished(tenant, instance, error);
        }
        return new PollRound(
                true,
                progress.pages,
                progress.imported,
                progress.revised,
                progress.unchanged,
                progress.rejected,
                error);
    }

    /**
     * Stores a page's alerts through the intake, in the caller's transaction: new ones are added, newer versions
     * revise, versions Vigil has (read again in the overlap or on a page read before) count as unchanged.
     */
    private void store(String tenant, AlertPages.Read read, Progress progress) {
        // Two pollers on one tenant (a lease run out mid-poll) take turns page by page.
        watermarks.locked(tenant);
        List<RevisedRecord> records = read.alerts().stream()
                .map(a -> new RevisedRecord(json.writeValueAsBytes(a.alert()), a.lastUpdate()))
                .toList();
        RevisionResult result = records.isEmpty()
                ? new RevisionResult(List.of(), List.of(), 0, List.of())
                : intake.acceptRevisions(records, SourceFormat.GRAPH, new ParseContext(clock.instant(), tenant));
        if (!read.skipped().isEmpty()) {
            // An item without id or time cannot be stored or ordered; it must not stop the rest of the tenant's.
            log.warn(
                    "Skipped {} Defender alert item(s) of tenant {} without a usable id or lastUpdateDateTime, the"
                            + " first: {}",
                    read.skipped().size(),
                    tenant,
                    read.skipped().get(0));
        }
        if (!result.rejected().isEmpty()) {
            // A record the parser cannot use now it will not use later: skipped, counted, and said why.
            log.warn(
                    "Skipped {} Defender alert(s) of tenant {} Vigil cannot read, the first because: {}",
                    result.rejected().size(),
                    tenant,
                    result.rejected().get(0).error());
        }
        int rejected = read.skipped().size() + result.rejected().size();
        watermarks.counted(
                tenant, instance, result.added().size(), result.revised().size(), rejected, LEASE);
        progress.pages++;
        progress.imported += result.added().size();
        progress.revised += result.revised().size();
        progress.unchanged += result.unchanged();
        progress.rejected += rejected;
    }

    /** No {@code $orderby}: §3.3 does not list it for alerts_v2, and the poll does not need an order. */
    private String firstPage(Watermark watermark) {
        return ALERTS_PATH + "?$filter="
                + OData.encode("lastUpdateDateTime ge " + Watermark.text(watermark.queryFrom(properties.overlap())))
                + "&$top=" + properties.pageSize();
    }

    /** Short and never a secret: Defender's own messages name statuses and paths, not tokens. */
    private static String describe(RuntimeException e) {
        if (e instanceof MalformedAlertPage) {
            return "malformed response: " + e.getMessage();
        }
        if (e instanceof DefenderException) {
            return DefenderProblems.errorOf(e) + ": " + DefenderCalls.shortened(e.getMessage());
        }
        return DefenderProblems.errorOf(e);
    }

    /** Counts of one poll, kept across its page transactions. */
    private static final class Progress {
        int pages;
        int imported;
        int revised;
        int unchanged;
        int rejected;
    }
}
