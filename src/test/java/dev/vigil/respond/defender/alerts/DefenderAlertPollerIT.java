package dev.vigil.respond.defender.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.Role;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertStatus;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.Severity;
import dev.vigil.alert.StoredAlert;
import dev.vigil.ingest.AlertIntake;
import dev.vigil.respond.DefenderApiClient;
import dev.vigil.respond.DefenderServerSetup;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.FakeGraphAlerts;
import dev.vigil.respond.defender.DefenderHttp;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Defender alerts polled from Graph {@code alerts_v2} ({@link FakeGraphAlerts} over real HTTP) into Vigil on
 * PostgreSQL: through the real intake (parsed, pseudonymised at rest, queued for triage), page by page, listed
 * in no particular order (the fake refuses {@code $orderby}), with the watermark moved only after a complete
 * poll; across restarts, polls cut short, alerts updated between two pages, revisions of alerts Vigil has,
 * throttling, a malformed page, items without id or time, and two pollers on one tenant. Polling threads are
 * off: each test polls when it means to (one test runs the threads).
 */
@TestPropertySource(
        properties = {
            "vigil.pii.at-rest=true",
            "vigil.pii.key=BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU=",
            "vigil.defender.alerts.poll-enabled=false",
            "vigil.defender.alerts.page-size=50"
        })
class DefenderAlertPollerIT extends DefenderServerSetup {

    static final String TENANT = "contoso";

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final FakeGraphAlerts graph = new FakeGraphAlerts(fake);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "vigil_dap_", fake);
        registry.add("vigil.defender.max-retries", () -> "2");
    }

    @Autowired
    DefenderAlertPolling polling;

    @Autowired
    DefenderHttp http;

    @Autowired
    AlertIntake intake;

    @Autowired
    AlertStore store;

    @Autowired
    TransactionTemplate tx;

    /** A few minutes ago, to the second: inside the first poll's hour of look-back, and clear of "now". */
    private Instant base;

    @BeforeEach
    void reset() {
        api = DefenderApiClient.server(port);
        // Every test starts as a tenant's first poll; alerts stored by earlier tests have other ids.
        jdbc.update("delete from defender_alert_watermark");
        fake.reset();
        graph.reset();
        base = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String id() {
        return "da" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The Vigil alerts stored for a Graph alert id. */
    private List<StoredAlert> stored(String graphId) {
        return jdbc
                .queryForList("select id from alert where source = 'graph' and native_id = ?", UUID.class, graphId)
                .stream()
                .map(id -> store.find(new AlertId(id)).orElseThrow())
                .toList();
    }

    private StoredAlert storedOnce(String graphId) {
        List<StoredAlert> found = stored(graphId);
        assertThat(found).as("Vigil alerts for %s", graphId).hasSize(1);
        return found.get(0);
    }

    private int queued(StoredAlert alert) {
        return jdbc.queryForObject(
                "select count(*) from work_item where alert_id = ?",
                Integer.class,
                alert.alert().id().value());
    }

    private DefenderAlertPolling anotherInstance() {
        return anotherInstance(Duration.ofMinutes(2));
    }

    private DefenderAlertPolling anotherInstance(Duration overlap) {
        return new DefenderAlertPolling(
                http,
                intake,
                new StoredWatermarks(jdbc),
                tx,
                new DefenderAlertsProperties(true, Duration.ofMillis(50), 50, Duration.ofHours(1), overlap, Set.of()),
                Set.of(TENANT),
                Clock.systemUTC());
    }

    @Test
    void firstPollImportsAlertsThroughTheIntakeQueuedForTriage() {
        String a = id();
        String b = id();
        graph.add(a, base.plusSeconds(1), "Suspicious execution of hidden file", "high");
        graph.add(b, base.plusSeconds(2), "Unusual sign-in", "low");
        // Updated before the first poll's look-back: not Vigil's to import.
        String old = id();
        graph.add(old, Instant.now().minus(3, ChronoUnit.HOURS), "Long ago", "high");

        PollRound round = polling.pollOnce(TENANT);

        assertThat(round.error()).isNull();
        assertThat(round.imported()).isEqualTo(2);
        StoredAlert first = storedOnce(a);
        assertThat(first.alert().title()).isEqualTo("Suspicious execution of hidden file");
        assertThat(first.alert().severity()).isEqualTo(Severity.HIGH);
        assertThat(first.alert().tenant()).isEqualTo(FakeDefender.TENANT_ID);
        assertThat(first.alert().entities().hosts()).isNotEmpty();
        assertThat(first.status()).isEqualTo(AlertStatus.NEW);
        assertThat(queued(first)).isEqualTo(1);
        // Pseudonymised at rest like any ingested alert: the user from the process evidence is a token.
        assertThat(first.alert().raw()).doesNotContain("\"kai\"");
        assertThat(storedOnce(b).alert().severity()).isEqualTo(Severity.LOW);
        assertThat(stored(old)).isEmpty();
        // The first query asked Graph exactly as documented: no $orderby, which §3.3 does not list.
        String query = URLDecoder.decode(graph.requests().get(0), StandardCharsets.UTF_8);
        assertThat(query).contains("$filter=lastUpdateDateTime ge ", "$top=50").doesNotContain("$orderby");
        AlertPollerStatus status = polling.status(TENANT);
        assertThat(Instant.parse(status.watermark())).isEqualTo(base.plusSeconds(2));
        assertThat(status.idsAtWatermark()).isEqualTo(1);
        assertThat(status.lastError()).isNull();
        assertThat(status.lastPolledAt()).isNotNull();
        assertThat(status.imported()).isEqualTo(2);
    }

    @Test
    void followsNextLinksAndStoresEachPage() {
        graph.serverPageSize(2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(id());
            graph.add(ids.get(i), base.plusSeconds(i), "Alert " + i, "medium");
        }

        PollRound round = polling.pollOnce(TENANT);

        assertThat(round.pages()).isEqualTo(3);
        assertThat(round.imported()).isEqualTo(5);
        ids.forEach(this::storedOnce);
        assertThat(graph.requests()).hasSize(3);
        assertThat(graph.requests().subList(1, 3)).allMatch(url -> url.contains("$skiptoken="));
        assertThat(Instant.parse(polling.status(TENANT).watermark())).isEqualTo(base.plusSeconds(4));
    }

    @Test
    void aRestartNeitherSkipsAlertsAddedMeanwhileNorImportsAnyTwice() {
        String a = id();
        String b = id();
        graph.add(a, base.plusSeconds(1), "Before the restart", "high");
        graph.add(b, base.plusSeconds(2), "Before the restart too", "high");
        assertThat(polling.pollOnce(TENANT).imported()).isEqualTo(2);
        // Vigil is down; Defender goes on: one more at the watermark's instant, one later.
        String atWatermark = id();
        String later = id();
        graph.add(atWatermark, base.plusSeconds(2), "Same instant as the watermark", "medium");
        graph.add(later, base.plusSeconds(3), "After the restart", "medium");

        PollRound round = anotherInstance().pollOnce(TENANT);

        assertThat(round.imported()).isEqualTo(2);
        for (String id : List.of(a, b, atWatermark, later)) {
            storedOnce(id);
        }
    }

    @Test
    void thePollerThreadsResumeFromTheWatermarkAfterAStop() {
        String a = id();
        graph.add(a, base.plusSeconds(1), "Polled by the first poller", "high");
        AlertPoller first = new AlertPoller(anotherInstance(), Duration.ofMillis(50));
        first.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !stored(a).isEmpty());
        first.stop();
        String b = id();
        graph.add(b, base.plusSeconds(2), "Added while stopped", "high");

        AlertPoller second = new AlertPoller(anotherInstance(), Duration.ofMillis(50));
        second.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !stored(b).isEmpty());
            // Several more rounds over the same alerts change nothing.
            int before = graph.requests().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> graph.requests().size() >= before + 3);
        } finally {
            second.stop();
        }
        storedOnce(a);
        storedOnce(b);
        assertThat(polling.status(TENANT).imported()).isEqualTo(2);
    }

    @Test
    void aPollCutShortKeepsItsWatermarkAndTheNextStoresTheRestOnce() {
        graph.serverPageSize(2);
        Instant same = base.plusSeconds(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(id());
            graph.add(ids.get(i), same, "Burst " + i, "high");
        }
        String later = id();
        graph.add(later, base.plusSeconds(9), "Later", "high");
        // The poll stops after the first page: its two alerts are stored, the watermark stays where it was.
        graph.malformedAfter(1);
        PollRound broken = polling.pollOnce(TENANT);
        assertThat(broken.imported()).isEqualTo(2);
        assertThat(broken.error()).contains("malformed");
        AlertPollerStatus cut = polling.status(TENANT);
        assertThat(Instant.parse(cut.watermark())).isBefore(base);
        assertThat(cut.idsAtWatermark()).isZero();
        assertThat(cut.imported()).isEqualTo(2);

        PollRound next = polling.pollOnce(TENANT);

        assertThat(next.error()).isNull();
        assertThat(next.pages()).isEqualTo(3);
        assertThat(next.imported()).isEqualTo(3);
        assertThat(next.unchanged()).isEqualTo(2);
        ids.forEach(this::storedOnce);
        storedOnce(later);
        AlertPollerStatus status = polling.status(TENANT);
        assertThat(Instant.parse(status.watermark())).isEqualTo(base.plusSeconds(9));
        assertThat(status.idsAtWatermark()).isEqualTo(1);
        assertThat(status.imported()).isEqualTo(5);
    }

    @Test
    void alertsListedInNoOrderAreAllStoredAndTheWatermarkMovesToTheLatestAfterTheLastPage() {
        graph.serverPageSize(3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(id());
            graph.add(ids.get(i), base.plusSeconds(i), "Unordered " + i, "medium");
        }
        // Every page is stored as it comes, the watermark only after the last: stopped at page 3, it stays.
        List<String> watermarkBeforeLastPage = new ArrayList<>();
        graph.beforeRequest(
                4, () -> watermarkBeforeLastPage.add(polling.status(TENANT).watermark()));

        PollRound round = polling.pollOnce(TENANT);

        assertThat(round.error()).isNull();
        assertThat(round.pages()).isEqualTo(4);
        assertThat(round.imported()).isEqualTo(12);
        ids.forEach(this::storedOnce);
        // The fake really answered out of time order: a poller relying on the order would have dropped some.
        List<Instant> servedTimes = graph.served().stream()
                .map(id -> base.plusSeconds(ids.indexOf(id)))
                .toList();
        assertThat(servedTimes).isNotEqualTo(servedTimes.stream().sorted().toList());
        assertThat(graph.requests())
                .noneMatch(url -> URLDecoder.decode(url, StandardCharsets.UTF_8).contains("$orderby"));
        assertThat(Instant.parse(watermarkBeforeLastPage.get(0))).isBefore(base);
        AlertPollerStatus status = polling.status(TENANT);
        assertThat(Instant.parse(status.watermark())).isEqualTo(base.plusSeconds(11));
        assertThat(status.idsAtWatermark()).isEqualTo(1);

        // The next poll asks from the watermark less the overlap (2m): all twelve again, all unchanged.
        int before = graph.requests().size();
        PollRound again = polling.pollOnce(TENANT);

        assertThat(again.imported()).isZero();
        assertThat(again.unchanged()).isEqualTo(12);
        String query = URLDecoder.decode(graph.requests().get(before), StandardCharsets.UTF_8);
        assertThat(query)
                .contains(
                        "$filter=lastUpdateDateTime ge " + base.plusSeconds(11).minusSeconds(120));
        ids.forEach(this::storedOnce);
        assertThat(polling.status(TENANT).imported()).isEqualTo(12);
    }

    @Test
    void anAlertUpdatedBetweenTwoPagesThatMovesToAPageAlreadyReadIsStoredByTheNextPoll() {
        graph.order(FakeGraphAlerts.Order.NEWEST_FIRST).serverPageSize(2);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(id());
            graph.add(ids.get(i - 1), base.plusSeconds(i), "Alert " + i, "medium");
        }
        String latest = id();
        graph.add(latest, base.plusSeconds(40), "The latest", "medium");
        String moved = ids.get(0);
        // Newest first: [latest, 5] [4, 3] [2, 1]. Before page 2, alert 1 is updated and moves to the front:
        // [latest, 1, 5, 4, 3, 2], so page 2 is [5, 4] and page 3 [3, 2]: this poll never sees alert 1.
        graph.beforeRequest(
                2,
                () -> graph.update(moved, base.plusSeconds(30), alert -> alert.put("title", "Updated while paging")));

        PollRound first = polling.pollOnce(TENANT);

        assertThat(first.error()).isNull();
        assertThat(graph.served()).doesNotContain(moved);
        assertThat(stored(moved)).isEmpty();
        // The watermark is the latest seen (40 s), after alert 1's new time (30 s): only the overlap finds it.
        assertThat(Instant.parse(polling.status(TENANT).watermark())).isEqualTo(base.plusSeconds(40));
        assertThat(anotherInstance(Duration.ZERO).pollOnce(TENANT).imported()).isZero();
        assertThat(stored(moved)).isEmpty();

        PollRound next = polling.pollOnce(TENANT);

        assertThat(next.error()).isNull();
        assertThat(next.imported()).isEqualTo(1);
        assertThat(storedOnce(moved).alert().title()).isEqualTo("Updated while paging");
        ids.forEach(this::storedOnce);
        storedOnce(latest);
    }

    @Test
    void itemsWithoutIdOrTimeAreSkippedAndCountedAndTheRestOfThePageIsStored() {
        String a = id();
        String b = id();
        graph.add(a, base.plusSeconds(1), "Readable", "high");
        graph.add(b, base.plusSeconds(2), "Readable too", "low");
        graph.brokenItemsInNextPage();

        PollRound round = polling.pollOnce(TENANT);

        assertThat(round.error()).isNull();
        assertThat(round.imported()).isEqualTo(2);
        assertThat(round.rejected()).isEqualTo(3);
        storedOnce(a);
        storedOnce(b);
        AlertPollerStatus status = polling.status(TENANT);
        assertThat(status.lastError()).isNull();
        assertThat(status.rejected()).isEqualTo(3);
        assertThat(Instant.parse(status.watermark())).isEqualTo(base.plusSeconds(2));
        assertThat(jdbc.queryForObject(
                        "select count(*) from alert where source = 'graph' and (native_id like 'no-time-%'"
                                + " or native_id like 'bad-time-%')",
                        Integer.class))
                .isZero();
    }

    @Test
    void anUpdatedAlertRevisesTheVigilAlertAndKeepsItsWorkflow() {
        String a = id();
        graph.add(a, base.plusSeconds(1), "Suspicious execution of hidden file", "low");
        polling.pollOnce(TENANT);
        StoredAlert before = storedOnce(a);
        store.assign(before.alert().id(), "alice");
        store.changeStatus(before.alert().id(), AlertStatus.ACKNOWLEDGED);
        graph.update(
                a,
                base.plusSeconds(30),
                alert -> alert.put("severity", "high")
                        .put("status", "inProgress")
                        .put("title", "Ransomware behaviour detected")
                        .put("description", "Files encrypted on ws-042"));

        PollRound round = polling.pollOnce(TENANT);

        assertThat(round.imported()).isZero();
        assertThat(round.revised()).isEqualTo(1);
        StoredAlert after = storedOnce(a);
        assertThat(after.alert().id()).isEqualTo(before.alert().id());
        assertThat(after.alert().title()).isEqualTo("Ransomware behaviour detected");
        assertThat(after.alert().severity()).isEqualTo(Severity.HIGH);
        assertThat(after.alert().raw()).contains("\"inProgress\"");
        assertThat(after.alert().receivedAt()).isEqualTo(before.alert().receivedAt());
        assertThat(after.assignee()).isEqualTo("alice");
        assertThat(after.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(after.queue()).isEqualTo(before.queue());
        // Not queued for triage again (so not announced in Slack again).
        assertThat(queued(after)).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select revision from alert where id = ?",
                        Integer.class,
                        after.alert().id().value()))
                .isEqualTo(1);
        assertThat(polling.status(TENANT).revised()).isEqualTo(1);
    }

    @Test
    void aThrottlingStormIsWaitedOutOrRecordedAndRetriedNextPoll() {
        String a = id();
        graph.add(a, base.plusSeconds(1), "Throttled", "medium");
        graph.throttle(2);

        PollRound waited = polling.pollOnce(TENANT);

        assertThat(waited.error()).isNull();
        storedOnce(a);
        assertThat(graph.requests()).hasSize(3);

        String b = id();
        graph.add(b, base.plusSeconds(2), "Throttled longer than the retries", "medium");
        String watermark = polling.status(TENANT).watermark();
        graph.throttle(3);
        PollRound failed = polling.pollOnce(TENANT);
        assertThat(failed.error()).startsWith("unavailable");
        assertThat(stored(b)).isEmpty();
        AlertPollerStatus status = polling.status(TENANT);
        assertThat(status.lastError()).startsWith("unavailable");
        assertThat(status.lastErrorAt()).isNotNull();
        assertThat(status.watermark()).isEqualTo(watermark);

        PollRound recovered = polling.pollOnce(TENANT);

        assertThat(recovered.error()).isNull();
        storedOnce(b);
        assertThat(polling.status(TENANT).lastError()).isNull();
    }

    @Test
    void aMalformedPageIsRecordedAndTheWatermarkStaysBeforeIt() {
        String a = id();
        graph.add(a, base.plusSeconds(1), "Before the bad page", "high");
        polling.pollOnce(TENANT);
        String watermark = polling.status(TENANT).watermark();
        String b = id();
        graph.add(b, base.plusSeconds(2), "Behind the bad page", "high");
        graph.malformedAfter(0);

        PollRound round = polling.pollOnce(TENANT);

        assertThat(round.error()).startsWith("malformed response").contains("'value'");
        AlertPollerStatus status = polling.status(TENANT);
        assertThat(status.lastError()).isEqualTo(round.error());
        assertThat(status.watermark()).isEqualTo(watermark);
        assertThat(stored(b)).isEmpty();

        assertThat(polling.pollOnce(TENANT).error()).isNull();
        storedOnce(b);
        storedOnce(a);
    }

    @Test
    void twoPollersOnOneTenantImportEachAlertOnce() throws Exception {
        graph.serverPageSize(3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(id());
            graph.add(ids.get(i), base.plusSeconds(i / 3), "Shared " + i, "medium");
        }
        DefenderAlertPolling one = anotherInstance();
        DefenderAlertPolling two = anotherInstance();
        CyclicBarrier start = new CyclicBarrier(2);

        CompletableFuture<PollRound> first = CompletableFuture.supplyAsync(() -> pollAfter(start, one));
        CompletableFuture<PollRound> second = CompletableFuture.supplyAsync(() -> pollAfter(start, two));
        List<PollRound> rounds = List.of(first.get(), second.get());

        // One got the tenant's lease; the other found it taken (or, had it come later, nothing new).
        assertThat(rounds.stream().mapToInt(PollRound::imported).sum()).isEqualTo(20);
        assertThat(rounds).anyMatch(r -> r.claimed() && r.imported() == 20);
        ids.forEach(this::storedOnce);
        // Both pollers again, one after the other: nothing new to import.
        assertThat(one.pollOnce(TENANT).imported()).isZero();
        assertThat(two.pollOnce(TENANT).imported()).isZero();
        ids.forEach(this::storedOnce);
    }

    private static PollRound pollAfter(CyclicBarrier start, DefenderAlertPolling polling) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return polling.pollOnce(TENANT);
    }

    @Test
    void anAnalystReadsThePollerStatusAndAnUnknownTenantIsA404() throws Exception {
        String a = id();
        graph.add(a, base.plusSeconds(1), "For the status", "high");
        polling.pollOnce(TENANT);
        String key = keys.key(Role.ANALYST);

        HttpResponse<String> response = api.get("/api/v1/defender/contoso/alerts/poller", key);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.read(response);
        assertThat(body.path("tenant").asString()).isEqualTo(TENANT);
        assertThat(body.path("polled").asBoolean()).isFalse();
        assertThat(Instant.parse(body.path("watermark").asString())).isEqualTo(base.plusSeconds(1));
        assertThat(body.path("lastPolledAt").isNull()).isFalse();
        assertThat(body.path("lastError").isNull()).isTrue();

        HttpResponse<String> unknown = api.get("/api/v1/defender/fabrikam/alerts/poller", key);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> anonymous = api.get("/api/v1/defender/contoso/alerts/poller", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
