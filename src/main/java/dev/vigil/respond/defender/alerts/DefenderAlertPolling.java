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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Defender alerts as an ingest source: each poll asks Graph for a tenant's {@code alerts_v2} updated since its
 * watermark, oldest first, and stores them page by page through the ordinary intake (parsing, pseudonymisation,
 * the triage queue). A page's alerts and the watermark after them commit together, so a restart resumes
 * exactly where the last stored page ended: nothing skipped, nothing stored twice. A newer version of an alert
 * Vigil already has revises that alert rather than adding another.
 *
 * <p>Graph {@code alerts_v2} rather than Defender's {@code /api/alerts}: it carries alerts of every Defender
 * product (Endpoint, Identity, Office 365, Cloud Apps), its evidence is inline, and Vigil's Graph parser reads it.
 */
public final class DefenderAlertPolling {

    private static final Logger log = LoggerFactory.getLogger(DefenderAlertPolling.class);

    static final String ALERTS_PATH = "v1.0/security/alerts_v2";

    /** How long a poll keeps its tenant from other instances without storing a page; a page extends it. */
    static final Duration LEASE = Duration.ofMinutes(10);

    /** Pages per poll, so that one tenant with a backlog does not keep its thread forever; the next poll goes on. */
    static final int MAX_PAGES = 1_000;

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
        Watermark initial = Watermark.startingAt(clock.instant().minus(properties.initialLookback()));
        if (!watermarks.claim(tenant, instance, initial, LEASE)) {
            return PollRound.notClaimed();
        }
        Progress progress = new Progress();
        String error = null;
        try {
            String path = firstPage(tx.execute(s -> watermarks.locked(tenant)));
            while (path != null && progress.pages < MAX_PAGES) {
                DefenderHttp.Page page = http.page(new DefenderHttp.Call(
                        tenant,
                        DefenderApi.GRAPH,
                        DefenderQuota.GRAPH_SECURITY,
                        "GET",
                        path,
                        null,
                        UUID.randomUUID().toString()));
                List<PolledAlert> alerts = AlertPages.read(page.body());
                tx.executeWithoutResult(s -> store(tenant, alerts, progress));
                path = page.nextLink();
            }
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

    /** Stores what the watermark does not cover and moves it past the page, in the caller's transaction. */
    private void store(String tenant, List<PolledAlert> alerts, Progress progress) {
        Watermark current = watermarks.locked(tenant);
        List<RevisedRecord> records = alerts.stream()
                .filter(a -> !current.covers(a))
                .map(a -> new RevisedRecord(json.writeValueAsBytes(a.alert()), a.lastUpdate()))
                .toList();
        RevisionResult result = records.isEmpty()
                ? new RevisionResult(List.of(), List.of(), 0, List.of())
                : intake.acceptRevisions(records, SourceFormat.GRAPH, new ParseContext(clock.instant(), tenant));
        if (!result.rejected().isEmpty()) {
            // A record the parser cannot use now it will not use later: skipped, counted, and said why.
            log.warn(
                    "Skipped {} Defender alert(s) of tenant {} Vigil cannot read, the first because: {}",
                    result.rejected().size(),
                    tenant,
                    result.rejected().get(0).error());
        }
        watermarks.advance(
                tenant,
                instance,
                current.after(alerts),
                result.added().size(),
                result.revised().size(),
                result.rejected().size(),
                LEASE);
        progress.pages++;
        progress.imported += result.added().size();
        progress.revised += result.revised().size();
        progress.unchanged += result.unchanged() + alerts.size() - records.size();
        progress.rejected += result.rejected().size();
    }

    private String firstPage(Watermark watermark) {
        return ALERTS_PATH + "?$filter=" + encode("lastUpdateDateTime ge " + watermark.text()) + "&$orderby="
                + encode("lastUpdateDateTime asc") + "&$top=" + properties.pageSize();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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
