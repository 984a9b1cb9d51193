package dev.vigil.respond.defender.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.Role;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.StoredAlert;
import dev.vigil.respond.DefenderApiClient;
import dev.vigil.respond.DefenderServerSetup;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.FakeHunting;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Advanced hunting over real HTTP with API keys per role, Vigil against {@link FakeHunting} and a real
 * PostgreSQL: ad-hoc runs with the row cap, Graph's 400 for bad KQL, the saved-query library and its checks,
 * scheduled hunts raising {@code hunting} alerts once per row, the watermark across a scheduler restart, and
 * the audit log.
 */
@TestPropertySource(properties = {"vigil.defender.hunting.tick=200ms", "vigil.defender.hunting.max-alerts-per-run=5"})
class HuntingIT extends DefenderServerSetup {

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final FakeHunting hunting = FakeHunting.on(fake);
    static final Duration OVERLAP = Duration.ofMinutes(5);
    static final String SHA256 = "4b2f1d0a5c3e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "vigil_hunt_", fake);
        registry.add("vigil.defender.max-retries", () -> "2");
    }

    @Autowired
    AlertStore alerts;

    @Autowired
    HuntRetention retention;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("huntScheduler")
    dev.vigil.respond.defender.PollingThread scheduler;

    @BeforeEach
    void reset() {
        fake.reset();
        hunting.reset();
    }

    @AfterEach
    void quiet() {
        // A scheduled query of one test must not call the fake during the next.
        jdbc.update("update hunting_query set enabled = false");
        if (!scheduler.isRunning()) {
            scheduler.start();
        }
    }

    // ---------------------------------------------------------------- ad-hoc runs

    @Test
    void runAnswersSchemaAndRowsUpToTheCapAndSaysItTruncated() throws Exception {
        hunting.rows("DeviceProcessEvents", rows(5));
        String query = "DeviceProcessEvents | where FileName =~ \"powershell.exe\" | project Timestamp, DeviceName"
                + " // " + "x".repeat(300);

        HttpResponse<String> response = api.post(
                "/hunting/run", Map.of("query", query, "timespan", "P7D", "maxRows", 3), keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.read(response);
        assertThat(body.path("rowCount").asInt()).isEqualTo(3);
        assertThat(body.path("truncated").asBoolean()).isTrue();
        assertThat(body.path("results")).hasSize(3);
        assertThat(body.path("results").get(0).path("DeviceName").asString()).isEqualTo("ws-1.contoso.com");
        assertThat(body.path("schema").get(0).path("name").asString()).isEqualTo("Timestamp");
        assertThat(body.path("schema").get(0).path("type").asString()).isEqualTo("DateTime");
        // Graph's case-sensitive body keys.
        assertThat(hunting.bodies())
                .containsExactly(json.readTree(json.writeValueAsString(Map.of("Query", query, "Timespan", "P7D"))));
        assertThat(fake.apiRequests()).containsExactly("POST " + FakeHunting.PATH);

        String requestId =
                response.headers().firstValue("X-Defender-Request-Id").orElseThrow();
        assertThat(fake.requestIds()).containsExactly(requestId);
        Map<String, Object> audit = audit(requestId);
        assertThat(audit)
                .containsEntry("action", "defender.hunting.run")
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("rows", "3")
                .containsEntry("truncated", "true");
        assertThat((String) audit.get("query")).hasSize(201).endsWith("…").startsWith("DeviceProcessEvents");
    }

    @Test
    void runWithoutACapGivesUpToAThousandRowsAndReadsAPascalCaseSchema() throws Exception {
        hunting.rows("DeviceLogonEvents", rows(4)).pascalCaseSchema(true);

        HttpResponse<String> response =
                api.post("/hunting/run", Map.of("query", "DeviceLogonEvents | take 4"), keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.read(response);
        assertThat(body.path("rowCount").asInt()).isEqualTo(4);
        assertThat(body.path("truncated").asBoolean()).isFalse();
        assertThat(body.path("schema").findValuesAsString("name")).contains("Timestamp", "DeviceName", "ReportId");
        assertThat(hunting.bodies().get(0).has("Timespan")).isFalse();
    }

    @Test
    void badKqlIsTheCallersBadRequestWithGraphsMessage() throws Exception {
        HttpResponse<String> response =
                api.post("/hunting/run", Map.of("query", "DeviceEvents | syntax error"), keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode problem = api.read(response);
        assertThat(problem.path("detail").asString()).contains("Query could not be parsed");
        assertThat(problem.path("defenderStatus").asInt()).isEqualTo(400);
        assertThat(problem.path("defenderCode").asString()).isEqualTo("BadRequest");
        assertThat(audit(problem.path("requestId").asString()))
                .containsEntry("outcome", "FAILURE")
                .containsEntry("error", "400 BadRequest");
    }

    @Test
    void inputIsCheckedBeforeGraphIsCalled() throws Exception {
        String key = keys.key(Role.ANALYST);
        assertProblem(api.post("/hunting/run", Map.of("query", "  "), key), 400, "query");
        assertProblem(api.post("/hunting/run", Map.of("query", "T", "maxRows", 0), key), 400, "maxRows");
        assertProblem(api.post("/hunting/run", Map.of("query", "T", "maxRows", 100_001), key), 400, "maxRows");
        assertProblem(api.post("/hunting/run", Map.of("query", "T", "timespan", "last week"), key), 400, "timespan");
        assertThat(hunting.bodies()).isEmpty();

        HttpResponse<String> unknown =
                DefenderApiClient.tenant(port, "fabrikam").post("/hunting/run", Map.of("query", "T"), key);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void graphsThrottleIsWaitedOut() throws Exception {
        hunting.rows("DeviceFileEvents", rows(1)).drain();

        HttpResponse<String> response =
                api.post("/hunting/run", Map.of("query", "DeviceFileEvents | take 1"), keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(hunting.throttled()).isGreaterThanOrEqualTo(1);
        assertThat(api.read(response).path("rowCount").asInt()).isEqualTo(1);
    }

    @Test
    void analystsRunAndReadButOnlyEngineersChangeTheLibrary() throws Exception {
        String analyst = keys.key(Role.ANALYST);
        hunting.rows(rows(1));

        assertThat(api.post("/hunting/run", Map.of("query", "DeviceEvents | take 1"), analyst)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/hunting/queries", savedQuery("analyst-try", null), analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.post("/hunting/queries", savedQuery("by-engineer", null), keys.key(Role.ENGINEER))
                        .statusCode())
                .isEqualTo(201);
        assertThat(api.get("/hunting/queries/by-engineer", analyst).statusCode())
                .isEqualTo(200);
        assertThat(api.post("/hunting/queries/by-engineer/run", Map.of(), analyst)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.put("/hunting/queries/by-engineer", savedQuery("by-engineer", null), analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.delete("/hunting/queries/by-engineer?reason=x", analyst).statusCode())
                .isEqualTo(403);
        assertThat(api.get("/hunting/queries", null).statusCode()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- library

    @Test
    void savedQueriesAreCreatedReadChangedRunAndDeleted() throws Exception {
        String engineer = keys.key(Role.ENGINEER);
        Map<String, Object> input = savedQuery("rare-parents", null);
        input.put("description", "Rare parent processes");
        input.put("timespan", "P3D");

        HttpResponse<String> created = api.post("/hunting/queries", input, engineer);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode view = api.read(created);
        assertThat(view.path("name").asString()).isEqualTo("rare-parents");
        assertThat(view.path("description").asString()).isEqualTo("Rare parent processes");
        assertThat(view.path("timespan").asString()).isEqualTo("P3D");
        assertThat(view.path("schedule").isNull()).isTrue();
        assertThat(view.path("createdBy").asString()).startsWith("key:");

        assertThat(api.post("/hunting/queries", input, engineer).statusCode()).isEqualTo(409);

        JsonNode list = json.readTree(api.get("/hunting/queries", engineer).body());
        assertThat(list.findValuesAsString("name")).contains("rare-parents");

        hunting.rows("rare-parents-kql", rows(2));
        HttpResponse<String> ran = api.post("/hunting/queries/rare-parents/run", Map.of("maxRows", 1), engineer);
        assertThat(ran.statusCode()).isEqualTo(200);
        assertThat(api.read(ran).path("truncated").asBoolean()).isTrue();
        assertThat(hunting.timespans("rare-parents-kql")).containsExactly("P3D");
        api.post("/hunting/queries/rare-parents/run", Map.of("timespan", "PT1H"), engineer);
        assertThat(hunting.timespans("rare-parents-kql")).containsExactly("P3D", "PT1H");

        Map<String, Object> changed =
                savedQuery("rare-parents", Map.of("interval", "PT1H", "severity", "high", "enabled", false));
        changed.put("description", "Rarer");
        HttpResponse<String> updated = api.put("/hunting/queries/rare-parents", changed, engineer);
        assertThat(updated.statusCode()).isEqualTo(200);
        JsonNode after = api.read(updated);
        assertThat(after.path("description").asString()).isEqualTo("Rarer");
        assertThat(after.path("timespan").isNull()).isTrue();
        assertThat(after.path("schedule").path("interval").asString()).isEqualTo("PT1H");
        assertThat(after.path("schedule").path("severity").asString()).isEqualTo("HIGH");
        assertThat(after.path("schedule").path("enabled").asBoolean()).isFalse();
        assertThat(after.path("nextRunAt").isNull()).isTrue();

        assertThat(api.delete("/hunting/queries/rare-parents", engineer).statusCode())
                .isEqualTo(400);
        HttpResponse<String> deleted = api.delete("/hunting/queries/rare-parents?reason=retired", engineer);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(api.get("/hunting/queries/rare-parents", engineer).statusCode())
                .isEqualTo(404);
        assertThat(api.put("/hunting/queries/rare-parents", changed, engineer).statusCode())
                .isEqualTo(404);
        assertThat(api.delete("/hunting/queries/rare-parents?reason=again", engineer)
                        .statusCode())
                .isEqualTo(404);

        Map<String, Object> audit =
                audit(deleted.headers().firstValue("X-Defender-Request-Id").orElseThrow());
        assertThat(audit)
                .containsEntry("action", "defender.hunting.queries.delete")
                .containsEntry("target", "hunting-query:rare-parents")
                .containsEntry("reason", "retired")
                .containsEntry("outcome", "SUCCESS");
        Map<String, Object> creation =
                audit(created.headers().firstValue("X-Defender-Request-Id").orElseThrow());
        assertThat(creation)
                .containsEntry("action", "defender.hunting.queries.create")
                .containsEntry("reason", "a test needs it");
    }

    @Test
    void badSavedQueriesAreRefusedFieldByField() throws Exception {
        String engineer = keys.key(Role.ENGINEER);
        assertProblem(api.post("/hunting/queries", savedQuery("Bad_Name", null), engineer), 400, "name");
        assertProblem(api.post("/hunting/queries", savedQuery("-dash", null), engineer), 400, "name");
        Map<String, Object> noName = savedQuery("ignored", null);
        noName.remove("name");
        assertProblem(api.post("/hunting/queries", noName, engineer), 400, "name");
        Map<String, Object> noReason = savedQuery("no-reason", null);
        noReason.remove("reason");
        assertProblem(api.post("/hunting/queries", noReason, engineer), 400, "reason");
        Map<String, Object> noQuery = savedQuery("no-query", null);
        noQuery.remove("query");
        assertProblem(api.post("/hunting/queries", noQuery, engineer), 400, "query");
        assertProblem(
                api.post("/hunting/queries", savedQuery("too-often", Map.of("interval", "PT1M")), engineer),
                400,
                "schedule.interval");
        assertProblem(
                api.post("/hunting/queries", savedQuery("too-rare", Map.of("interval", "P2D")), engineer),
                400,
                "schedule.interval");
        assertProblem(
                api.post("/hunting/queries", savedQuery("no-interval", Map.of("severity", "HIGH")), engineer),
                400,
                "schedule.interval");
        assertProblem(
                api.post(
                        "/hunting/queries",
                        savedQuery("bad-severity", Map.of("interval", "PT1H", "severity", "urgent")),
                        engineer),
                400,
                "schedule.severity");
        Map<String, Object> badTimespan = savedQuery("bad-timespan", null);
        badTimespan.put("timespan", "yesterday");
        assertProblem(api.post("/hunting/queries", badTimespan, engineer), 400, "timespan");
        assertProblem(api.get("/hunting/queries/NOPE", engineer), 400, "name");
        api.post("/hunting/queries", savedQuery("fixed-name", null), engineer);
        assertProblem(api.put("/hunting/queries/fixed-name", savedQuery("other-name", null), engineer), 400, "name");

        assertThat(jdbc.queryForObject(
                        "select count(*) from hunting_query where name <> 'fixed-name'"
                                + " and name in ('null','no-reason','no-query','too-often','too-rare','no-interval',"
                                + "'bad-severity','bad-timespan')",
                        Integer.class))
                .isZero();
        assertThat(hunting.bodies()).isEmpty();
    }

    // ---------------------------------------------------------------- scheduled hunts

    @Test
    void aScheduledHuntRaisesOneHuntingAlertPerRowAndNoneTwice() throws Exception {
        Instant at = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        hunting.rows(
                "sched-one-kql",
                List.of(
                        row(at, "ws-7.contoso.com", "alice", 101)
                                .put("SHA256", SHA256)
                                .put("RemoteIP", "203.0.113.7"),
                        row(at, "ws-8.contoso.com", "bob", 102)));
        String engineer = keys.key(Role.ENGINEER);
        Map<String, Object> input = savedQuery("sched-one", Map.of("interval", "PT5M", "severity", "HIGH"));
        input.put("query", "DeviceProcessEvents | sched-one-kql");
        input.put("description", "Encoded PowerShell");
        assertThat(api.post("/hunting/queries", input, engineer).statusCode()).isEqualTo(201);

        JsonNode firstRun = awaitRuns("sched-one", 1).get(0);
        assertThat(firstRun.path("rows").asInt()).isEqualTo(2);
        assertThat(firstRun.path("alertsRaised").asInt()).isEqualTo(2);
        assertThat(firstRun.path("error").isNull()).isTrue();
        Instant firstEnd = Instant.parse(firstRun.path("windowEnd").asString());
        Instant firstStart = Instant.parse(firstRun.path("windowStart").asString());
        // A first run looks back one interval and the overlap.
        assertThat(Duration.between(firstStart, firstEnd)).isEqualTo(Duration.ofMinutes(10));
        assertThat(hunting.timespans("sched-one-kql")).containsExactly(firstStart + "/" + firstEnd);

        List<JsonNode> huntingAlerts = huntingAlerts("sched-one");
        assertThat(huntingAlerts).hasSize(2);
        assertThat(huntingAlerts).allSatisfy(a -> {
            assertThat(a.path("source").asString()).isEqualTo("hunting");
            assertThat(a.path("severity").asString()).isEqualTo("HIGH");
            assertThat(a.path("title").asString()).isEqualTo("Hunt sched-one: Encoded PowerShell");
            assertThat(a.path("tenant").asString()).isEqualTo("contoso");
        });
        JsonNode alice = huntingAlerts.stream()
                .filter(a -> a.path("nativeId").asString().contains("report:101"))
                .findFirst()
                .orElseThrow();
        StoredAlert stored =
                alerts.find(AlertId.parse(alice.path("id").asString())).orElseThrow();
        assertThat(stored.alert().source()).isEqualTo(SourceFormat.HUNTING);
        assertThat(stored.alert().occurredAt()).isEqualTo(at);
        assertThat(stored.alert().entities().hosts()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("ws-7.contoso.com");
            assertThat(h.defenderDeviceId()).isEqualTo("dev-101");
        });
        assertThat(stored.alert().entities().users())
                .singleElement()
                .satisfies(u -> assertThat(u.name()).isEqualTo("alice"));
        assertThat(stored.alert().entities().files())
                .singleElement()
                .satisfies(f -> assertThat(f.hashes().sha256()).isEqualTo(SHA256));
        assertThat(stored.alert().entities().network())
                .singleElement()
                .satisfies(n -> assertThat(n.destinationIp()).isEqualTo("203.0.113.7"));
        assertThat(json.readTree(stored.alert().raw()).path("ReportId").asInt()).isEqualTo(101);
        // On its intake queue, so triage takes it.
        assertThat(jdbc.queryForObject(
                        "select count(*) from work_item where alert_id = ?",
                        Integer.class,
                        stored.alert().id().value()))
                .isEqualTo(1);

        // The next period: the overlap returns both rows again, and a third is new.
        hunting.rows(
                "sched-one-kql",
                List.of(
                        row(at, "ws-7.contoso.com", "alice", 101)
                                .put("SHA256", SHA256)
                                .put("RemoteIP", "203.0.113.7"),
                        row(at, "ws-8.contoso.com", "bob", 102),
                        row(Instant.now().truncatedTo(ChronoUnit.SECONDS), "ws-9.contoso.com", "carol", 103)));
        makeDue("sched-one");

        JsonNode secondRun = awaitRuns("sched-one", 2).get(0);
        assertThat(secondRun.path("rows").asInt()).isEqualTo(3);
        assertThat(secondRun.path("alertsRaised").asInt()).isEqualTo(1);
        assertThat(Instant.parse(secondRun.path("windowStart").asString())).isEqualTo(firstEnd.minus(OVERLAP));
        assertThat(huntingAlerts("sched-one")).hasSize(3);

        Map<String, Object> audit = jdbc.queryForMap(
                "select actor, outcome, details->>'alerts_raised' as alerts_raised, details->>'query' as query"
                        + " from audit_log where action = 'defender.hunting.scheduled' and target = ?"
                        + " order by seq limit 1",
                "hunting-query:sched-one");
        assertThat(audit)
                .containsEntry("actor", "vigil:hunting-scheduler")
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("alerts_raised", "2")
                .containsEntry("query", "DeviceProcessEvents | sched-one-kql");
    }

    @Test
    void theWatermarkCarriesAcrossASchedulerRestart() throws Exception {
        Instant at = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        hunting.rows("restart-kql", List.of(noReportId(at, "first")));
        Map<String, Object> input = savedQuery("restart", Map.of("interval", "PT5M"));
        input.put("query", "DeviceEvents | restart-kql");
        api.post("/hunting/queries", input, keys.key(Role.ENGINEER));
        JsonNode firstRun = awaitRuns("restart", 1).get(0);
        assertThat(firstRun.path("alertsRaised").asInt()).isEqualTo(1);
        Instant firstEnd = Instant.parse(firstRun.path("windowEnd").asString());

        scheduler.stop();
        assertThat(scheduler.isRunning()).isFalse();
        hunting.rows("restart-kql", List.of(noReportId(at, "first"), noReportId(Instant.now(), "second")));
        makeDue("restart");
        Thread.sleep(500); // stopped: nothing may run, however long we wait
        assertThat(runs("restart")).hasSize(1);
        scheduler.start();

        JsonNode secondRun = awaitRuns("restart", 2).get(0);
        assertThat(Instant.parse(secondRun.path("windowStart").asString())).isEqualTo(firstEnd.minus(OVERLAP));
        assertThat(hunting.timespans("restart-kql")).hasSize(2);
        assertThat(hunting.timespans("restart-kql").get(1)).startsWith(firstEnd.minus(OVERLAP) + "/");
        assertThat(secondRun.path("alertsRaised").asInt()).isEqualTo(1);
        assertThat(huntingAlerts("restart"))
                .extracting(a -> json.readTree(
                                alerts.find(AlertId.parse(a.path("id").asString()))
                                        .orElseThrow()
                                        .alert()
                                        .raw())
                        .path("Marker")
                        .asString())
                .containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void aRunCutShortByTheAlertCapLeavesItsWindowForTheNextRun() throws Exception {
        Instant at = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> seven = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            seven.add(row(at, "ws-c" + i + ".contoso.com", "user" + i, 500 + i));
        }
        hunting.rows("capped-kql", seven);
        Map<String, Object> input = savedQuery("capped", Map.of("interval", "PT5M"));
        input.put("query", "DeviceEvents | capped-kql");
        api.post("/hunting/queries", input, keys.key(Role.ENGINEER));

        JsonNode first = awaitRuns("capped", 1).get(0);
        assertThat(first.path("rows").asInt()).isEqualTo(7);
        assertThat(first.path("alertsRaised").asInt()).isEqualTo(5);
        assertThat(first.path("truncated").asBoolean()).isTrue();
        makeDue("capped");

        JsonNode second = awaitRuns("capped", 2).get(0);
        assertThat(second.path("windowStart").asString())
                .isEqualTo(first.path("windowStart").asString());
        assertThat(second.path("alertsRaised").asInt()).isEqualTo(2);
        assertThat(second.path("truncated").asBoolean()).isFalse();
        assertThat(huntingAlerts("capped")).hasSize(7);
        JsonNode saved = json.readTree(
                api.get("/hunting/queries/capped", keys.key(Role.ANALYST)).body());
        assertThat(saved.path("coveredUntil").asString())
                .isEqualTo(second.path("windowEnd").asString());
    }

    @Test
    void aFailedRunIsRecordedAndLeavesTheWatermark() throws Exception {
        Map<String, Object> input = savedQuery("broken", Map.of("interval", "PT5M"));
        input.put("query", "DeviceEvents | syntax error");
        api.post("/hunting/queries", input, keys.key(Role.ENGINEER));

        JsonNode run = awaitRuns("broken", 1).get(0);
        assertThat(run.path("error").asString()).isEqualTo("400 BadRequest");
        assertThat(run.path("alertsRaised").asInt()).isZero();
        JsonNode saved = json.readTree(
                api.get("/hunting/queries/broken", keys.key(Role.ANALYST)).body());
        assertThat(saved.path("coveredUntil").isNull()).isTrue();
        assertThat(Instant.parse(saved.path("nextRunAt").asString()))
                .isAfter(Instant.now().plusSeconds(200));
    }

    @Test
    void onlyOneClaimTakesADueQueryPerPeriod() throws Exception {
        Map<String, Object> input = savedQuery("claimed", Map.of("interval", "PT5M", "enabled", false));
        api.post("/hunting/queries", input, keys.key(Role.ENGINEER));
        scheduler.stop();
        jdbc.update("update hunting_query set enabled = true, next_run_at = now() - interval '1 second'"
                + " where name = 'claimed'");
        SavedQueries queries = new SavedQueries(
                jdbc,
                new org.springframework.transaction.support.TransactionTemplate(
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource())));

        List<java.util.concurrent.Future<java.util.Optional<SavedQuery>>> claims = new ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        var start = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            claims.add(pool.submit(() -> {
                start.await();
                return queries.claimDue(List.of("contoso"), Instant.now());
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        long taken = 0;
        for (var claim : claims) {
            taken += claim.get().filter(q -> q.name().equals("claimed")).isPresent() ? 1 : 0;
        }
        assertThat(taken).isEqualTo(1);
        assertThat(queries.claimDue(List.of("contoso"), Instant.now())).isEmpty();
    }

    @Test
    void theSweepDeletesRunsPastTheirRetentionAndSeenRowsPastThirtyOneDays() throws Exception {
        api.post("/hunting/queries", savedQuery("kept-briefly", null), keys.key(Role.ENGINEER));
        scheduler.stop();
        for (String age : List.of("100 days", "80 days", "1 hour")) {
            jdbc.update(
                    "insert into hunting_run (tenant, query_name, started_at, finished_at, window_start, window_end,"
                            + " error) values ('contoso', 'kept-briefly', now() - cast(? as interval),"
                            + " now() - cast(? as interval), now() - cast(? as interval), now() - cast(? as interval),"
                            + " ?)",
                    age,
                    age,
                    age,
                    age,
                    age);
        }
        for (String age : List.of("40 days", "32 days", "30 days", "1 hour")) {
            jdbc.update(
                    "insert into hunting_seen (tenant, query_name, row_key, alert_id, seen_at) values ('contoso',"
                            + " 'kept-briefly', ?, gen_random_uuid(), now() - cast(? as interval))",
                    age,
                    age);
        }

        retention.sweep();

        assertThat(jdbc.queryForList(
                        "select error from hunting_run where query_name = 'kept-briefly' order by id", String.class))
                .containsExactly("80 days", "1 hour");
        assertThat(jdbc.queryForList(
                        "select row_key from hunting_seen where query_name = 'kept-briefly' order by seen_at",
                        String.class))
                .containsExactly("30 days", "1 hour");
    }

    @Test
    void huntingAlertsCannotBePostedByASensor() throws Exception {
        HttpResponse<String> response = DefenderApiClient.server(port)
                .post("/api/v1/alerts?format=hunting", Map.of("DeviceName", "ws-1"), keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(jdbc.queryForObject(
                        "select count(*) from alert where source = 'hunting' and raw like '%ws-1\"%'", Integer.class))
                .isZero();
    }

    // ---------------------------------------------------------------- helpers

    private List<JsonNode> awaitRuns(String name, int count) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> runs(name).size() >= count);
        return runs(name);
    }

    private List<JsonNode> runs(String name) throws Exception {
        HttpResponse<String> response = api.get("/hunting/queries/" + name + "/runs", keys.key(Role.ANALYST));
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> runs = new ArrayList<>();
        api.read(response).forEach(runs::add);
        return runs;
    }

    /** The period passes: the query is due again. */
    private void makeDue(String name) {
        jdbc.update(
                "update hunting_query set enabled = true, next_run_at = now() - interval '1 second' where name = ?",
                name);
    }

    private List<JsonNode> huntingAlerts(String query) throws Exception {
        HttpResponse<String> response = DefenderApiClient.server(port)
                .get(
                        "/api/v1/alerts?source=hunting&limit=200&q="
                                + URLEncoder.encode("Hunt " + query, StandardCharsets.UTF_8),
                        keys.key(Role.ANALYST));
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        api.read(response).path("items").forEach(item -> {
            if (item.path("nativeId").asString().startsWith(query + "/")) {
                items.add(item);
            }
        });
        return items;
    }

    private List<ObjectNode> rows(int count) {
        List<ObjectNode> rows = new ArrayList<>();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 1; i <= count; i++) {
            rows.add(row(at, "ws-" + i + ".contoso.com", "user" + i, i));
        }
        return rows;
    }

    private ObjectNode row(Instant at, String device, String account, int reportId) {
        return json.createObjectNode()
                .put("Timestamp", at.toString())
                .put("DeviceName", device)
                .put("DeviceId", "dev-" + reportId)
                .put("AccountName", account)
                .put("ReportId", reportId);
    }

    private ObjectNode noReportId(Instant at, String marker) {
        return json.createObjectNode()
                .put("Timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("DeviceName", "ws-r.contoso.com")
                .put("Marker", marker);
    }

    private static Map<String, Object> savedQuery(String name, Map<String, Object> schedule) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", name);
        input.put("query", "DeviceProcessEvents | " + name + "-kql | take 10");
        input.put("reason", "a test needs it");
        if (schedule != null) {
            input.put("schedule", schedule);
        }
        return input;
    }

    private void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = api.read(response);
        assertThat(problem.path("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem.path("type").asString()).isEqualTo("urn:vigil:problem:defender-hunting-invalid");
    }

    private Map<String, Object> audit(String requestId) {
        return jdbc.queryForMap(
                "select actor, action, target, outcome, details->>'query' as query, details->>'rows' as rows,"
                        + " details->>'truncated' as truncated, details->>'reason' as reason,"
                        + " details->>'error' as error from audit_log where details->>'request_id' = ?",
                requestId);
    }
}
