package dev.vigil.respond.defender.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ServerSchemas;
import dev.vigil.access.Role;
import dev.vigil.respond.DefenderActionEnded;
import dev.vigil.respond.DefenderApiClient;
import dev.vigil.respond.DefenderServerSetup;
import dev.vigil.respond.EndedActions;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.FakeLiveResponse;
import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderProperties;
import dev.vigil.respond.defender.PollingThread;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/**
 * Live response over real HTTP with API keys, Vigil against {@link FakeDefender} with {@link FakeLiveResponse}
 * and a real PostgreSQL schema: what Defender receives, sessions polled to their end with script results and
 * fetched files kept, the limits (one per device, open sessions, starts a minute), bad input that never reaches
 * Defender, roles, the audit log, and the result links' signature kept out of every record.
 */
@Import(EndedActions.class)
@TestPropertySource(
        properties = {
            "vigil.defender.actions.poll-interval=1h",
            "vigil.defender.live-response.poll-interval=50ms",
            "vigil.defender.live-response.max-concurrent=3",
            "vigil.defender.live-response.max-download=400KB",
            // Short enough that a stalled result host is cut off within the test, long enough for 400 KB on loopback.
            "vigil.defender.live-response.download-timeout=3s"
        })
class LiveResponseIT extends DefenderServerSetup {

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final FakeLiveResponse live = new FakeLiveResponse(fake);
    static final List<String> ids = fake.addMachines(40);
    static final int TENANTS = 30;
    private static int nextTenant;
    /** The plainest session: one script from the library. */
    static final Map<String, Object> TRIAGE = session("x", runScript("triage.ps1"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_lr_");
        fake.registerEndpoints(registry);
        registry.add("vigil.defender.retry-backoff", () -> "10ms");
        registry.add("vigil.defender.max-retries", () -> "1");
        // Vigil tenants on the one fake tenant, one per test, so that each test's limits are its own.
        for (int i = 0; i < TENANTS; i++) {
            FakeDefender.registerTenant(registry, "lr-" + i);
        }
    }

    @Autowired
    EndedActions events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DefenderHttp defenderHttp;

    @Autowired
    DefenderProperties defenderProperties;

    @Autowired
    ApplicationEventPublisher publisher;

    /** This instance's live response, whose rounds a test may run itself while the poller is stopped. */
    @Autowired
    LiveResponse liveResponse;

    @Autowired
    @Qualifier("liveResponsePoller")
    PollingThread poller;

    @Autowired
    SessionRetention retention;

    private static int nextMachine;

    @BeforeEach
    void reset() {
        tenant = nextTenant();
        api = DefenderApiClient.tenant(port, tenant);
        live.reset();
        // Both tenants share the fake's quota; the Vigil-side limits are what these tests exercise.
        live.perMinute(1_000);
        fake.reset();
    }

    /** This test's tenant. */
    private String tenant;

    private static synchronized String nextTenant() {
        return "lr-" + nextTenant++;
    }

    private static synchronized String machine() {
        return ids.get(nextMachine++);
    }

    @Test
    void endedSessionsPastTheRetentionAreDeletedWithTheirResultsOpenOnesNever() {
        poller.stop();
        try {
            UUID old = storedSession("100 days", "100 days");
            UUID recent = storedSession("100 days", "10 days");
            UUID open = storedSession("100 days", null);
            for (UUID id : List.of(old, recent)) {
                jdbc.update(
                        "insert into live_response_command (session_id, command_index, type, target, status,"
                                + " file_content, file_size, file_sha256) values (?, 0, 'GetFile', 'C:\\x.log',"
                                + " 'Completed', ?, 3, 'abc')",
                        id,
                        new byte[] {1, 2, 3});
            }

            assertThat(retention.sweep()).isEqualTo(1);

            assertThat(jdbc.queryForList("select id from live_response_session where tenant = ?", UUID.class, tenant))
                    .containsExactlyInAnyOrder(recent, open);
            assertThat(jdbc.queryForList(
                            "select session_id from live_response_command where session_id in (?, ?)",
                            UUID.class,
                            old,
                            recent))
                    .containsExactly(recent);
        } finally {
            poller.start();
        }
    }

    /** A session as the poller leaves it, created and (unless {@code endedAgo} is null) ended that long ago. */
    private UUID storedSession(String createdAgo, String endedAgo) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into live_response_session (id, tenant, machine_id, requested_by, comment, commands, status,"
                        + " created_at, updated_at, ended_at) values (?, ?, ?, 'someone', 'retention', '[]',"
                        + " 'Succeeded', now() - cast(? as interval), now() - cast(? as interval),"
                        + " now() - cast(? as interval))",
                id,
                tenant,
                machine(),
                createdAgo,
                createdAgo,
                endedAgo);
        return id;
    }

    /** The live-response starts Defender received. */
    private static List<String> starts() {
        return fake.apiRequests().stream()
                .filter(r -> r.endsWith("/runliveresponse"))
                .toList();
    }

    @Test
    void runsAScriptAndFetchesAFileKeepingTheOutputAndTheBytes() throws Exception {
        String machine = machine();
        byte[] dump = new byte[300_000];
        new Random(7).nextBytes(dump);
        live.deviceFile(machine, "C:\\windows\\TEMP\\OfficeClickToRun.dmp.zip", dump);
        String key = keys.key(Role.ENGINEER);

        HttpResponse<String> started = start(
                machine,
                session(
                        "Collect dump for IR-77",
                        Map.of("type", "RunScript", "script", "minidump.ps1", "args", "OfficeClickToRun"),
                        getFile("C:\\windows\\TEMP\\OfficeClickToRun.dmp.zip")),
                key);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode session = api.read(started);
        String sessionId = session.path("id").asString();
        String actionId = session.path("actionId").asString();
        assertThat(session.path("status").asString()).isEqualTo("Pending");
        assertThat(session.path("commands").get(0).path("status").asString()).isEqualTo("Created");
        // Defender's body, keys in Defender's case, exactly.
        assertThat(live.bodies())
                .containsExactly(json.readTree("{\"Comment\":\"Collect dump for IR-77\",\"Commands\":["
                        + "{\"type\":\"RunScript\",\"params\":[{\"key\":\"ScriptName\",\"value\":\"minidump.ps1\"},"
                        + "{\"key\":\"Args\",\"value\":\"OfficeClickToRun\"}]},"
                        + "{\"type\":\"GetFile\",\"params\":[{\"key\":\"Path\","
                        + "\"value\":\"C:\\\\windows\\\\TEMP\\\\OfficeClickToRun.dmp.zip\"}]}]}"));

        JsonNode ended = awaitEnded(machine, sessionId, key);

        assertThat(ended.path("status").asString()).isEqualTo("Succeeded");
        JsonNode script = ended.path("commands").get(0);
        assertThat(script.path("status").asString()).isEqualTo("Completed");
        assertThat(script.path("script").path("exitCode").asInt()).isZero();
        assertThat(script.path("script").path("output").asString())
                .isEqualTo("ran minidump.ps1 with 'OfficeClickToRun'");
        JsonNode file = ended.path("commands").get(1);
        assertThat(file.path("status").asString()).isEqualTo("Completed");
        assertThat(file.path("file").path("size").asLong()).isEqualTo(dump.length);
        assertThat(file.path("file").path("sha256").asString()).isEqualTo(sha256(dump));
        assertThat(file.path("file").path("name").asString()).isEqualTo("OfficeClickToRun.dmp.zip");

        HttpResponse<byte[]> download = file(machine, sessionId, 1, key);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(dump);
        assertThat(sha256(download.body())).isEqualTo(sha256(dump));
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment")
                .contains("OfficeClickToRun.dmp.zip");

        // The result host got no bearer token; Defender got the result-link reads.
        assertThat(blobRequests(actionId))
                .containsExactlyInAnyOrder("GET /blob/lr/" + actionId + "/0", "GET /blob/lr/" + actionId + "/1");
        assertThat(fake.apiRequests())
                .contains(
                        "GET /api/machineactions/" + actionId + "/GetLiveResponseResultDownloadLink(index=0)",
                        "GET /api/machineactions/" + actionId + "/GetLiveResponseResultDownloadLink(index=1)");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(events.ended)
                        .contains(new DefenderActionEnded(tenant, actionId, machine, "LiveResponse", "Succeeded")));

        Map<String, Object> audit = jdbc.queryForMap(
                "select actor, outcome, details->>'comment' as comment, details->>'session_id' as session,"
                        + " details->>'action_id' as action, details->>'commands' as commands from audit_log"
                        + " where action = 'defender.live-response.start' and target = ?",
                "machine:" + machine);
        assertThat(audit)
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("comment", "Collect dump for IR-77")
                .containsEntry("session", sessionId)
                .containsEntry("action", actionId)
                .containsEntry(
                        "commands", "RunScript minidump.ps1; GetFile C:\\windows\\TEMP\\OfficeClickToRun.dmp.zip");
        assertThat(jdbc.queryForObject(
                        "select details->>'sha256' from audit_log where action = 'defender.live-response.file'"
                                + " and target = ?",
                        String.class,
                        "live-response:" + sessionId))
                .isEqualTo(sha256(dump));
    }

    @Test
    void putsALibraryFileBeforeTheScriptThatUsesIt() throws Exception {
        String machine = machine();
        String key = keys.key(Role.ENGINEER);

        HttpResponse<String> started = start(
                machine,
                session(
                        "dump lsass with procdump",
                        Map.of("type", "PutFile", "file", "procdump64.exe"),
                        runScript("triage.ps1")),
                key);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode ended = awaitEnded(machine, api.read(started).path("id").asString(), key);
        assertThat(ended.path("status").asString()).isEqualTo("Succeeded");
        JsonNode put = ended.path("commands").get(0);
        assertThat(put.path("type").asString()).isEqualTo("PutFile");
        assertThat(put.path("target").asString()).isEqualTo("procdump64.exe");
        assertThat(put.path("status").asString()).isEqualTo("Completed");
        assertThat(put.path("file").isNull()).isTrue();
        assertThat(put.path("script").isNull()).isTrue();
        assertThat(output(ended, 1)).isEqualTo("ran triage.ps1 with ''");
        assertThat(live.bodies().get(0).path("Commands").get(0).toString())
                .isEqualTo("{\"type\":\"PutFile\",\"params\":[{\"key\":\"FileName\",\"value\":\"procdump64.exe\"}]}");
        // PutFile has no result to fetch.
        assertThat(fake.apiRequests()).noneMatch(r -> r.contains("index=0"));
    }

    @Test
    void aFailedCommandStopsTheRestAndIsRecorded() throws Exception {
        String machine = machine();
        live.deviceFile(machine, "C:\\Temp\\there.log", "present".getBytes(StandardCharsets.UTF_8));
        live.exitCode("triage.ps1", 3);
        String key = keys.key(Role.ENGINEER);

        HttpResponse<String> started = start(
                machine,
                session(
                        "collect logs",
                        runScript("triage.ps1"),
                        getFile("C:\\Temp\\missing.log"),
                        getFile("C:\\Temp\\there.log")),
                key);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String sessionId = api.read(started).path("id").asString();
        JsonNode ended = awaitEnded(machine, sessionId, key);
        assertThat(ended.path("status").asString()).isEqualTo("Failed");
        JsonNode commands = ended.path("commands");
        assertThat(commands.get(0).path("status").asString()).isEqualTo("Completed");
        assertThat(commands.get(0).path("script").path("exitCode").asInt()).isEqualTo(3);
        assertThat(commands.get(1).path("status").asString()).isEqualTo("Failed");
        assertThat(commands.get(1).path("errors").get(0).asString()).isEqualTo("File not found: C:\\Temp\\missing.log");
        assertThat(commands.get(1).path("file").isNull()).isTrue();
        assertThat(commands.get(2).path("status").asString()).isEqualTo("Created");
        assertThat(commands.get(2).path("file").isNull()).isTrue();
        assertThat(file(machine, sessionId, 2, key).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject(
                        "select errors->>0 from live_response_command where session_id = ?::uuid and command_index = 1",
                        String.class,
                        sessionId))
                .isEqualTo("File not found: C:\\Temp\\missing.log");
    }

    @Test
    void aFileOverTheDownloadCapIsRecordedAsNotKeptAndTheSessionStillEnds() throws Exception {
        String machine = machine();
        live.deviceFile(machine, "C:\\Temp\\huge.bin", new byte[500 * 1024]);
        live.deviceFile(machine, "C:\\Temp\\small.bin", new byte[] {42});
        String key = keys.key(Role.ENGINEER);
        HttpResponse<String> started =
                start(machine, session("x", getFile("C:\\Temp\\huge.bin"), getFile("C:\\Temp\\small.bin")), key);
        String sessionId = api.read(started).path("id").asString();

        JsonNode ended = awaitEnded(machine, sessionId, key);

        assertThat(ended.path("status").asString()).isEqualTo("Succeeded");
        assertNotKept(ended.path("commands").get(0), "max-download");
        assertThat(file(machine, sessionId, 0, key).statusCode()).isEqualTo(404);
        assertThat(file(machine, sessionId, 1, key).body()).containsExactly(42);
    }

    @Test
    void badCommandsAreBadRequestsNamingTheRuleAndNeverReachDefender() throws Exception {
        String machine = machine();
        String key = keys.key(Role.ENGINEER);
        Map<String, Object> script = runScript("minidump.ps1");
        Map<String, Object> getFile = getFile("C:\\a.zip");

        HttpResponse<String> order = start(machine, session("x", getFile, script), key);
        HttpResponse<String> name = start(machine, session("x", runScript("..\\evil.ps1")), key);
        HttpResponse<String> control = start(machine, session("x", getFile("C:\\a\u0007.zip")), key);
        HttpResponse<String> relative = start(machine, session("x", getFile("temp\\a.zip")), key);
        HttpResponse<String> eleven = start(
                machine,
                Map.of(
                        "comment",
                        "x",
                        "commands",
                        Stream.generate(() -> script).limit(11).toList()),
                key);
        HttpResponse<String> none = start(machine, session("x"), key);
        HttpResponse<String> blank = start(machine, session(" ", script), key);
        HttpResponse<String> type = start(machine, session("x", Map.of("type", "Upload", "file", "a.exe")), key);
        HttpResponse<String> badMachine = start("bad$id", session("x", script), key);

        for (HttpResponse<String> response :
                List.of(order, name, control, relative, eleven, none, blank, type, badMachine)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        }
        assertThat(api.read(order).path("detail").asString()).contains("ordered PutFile, then RunScript, then GetFile");
        assertThat(api.read(name).path("detail").asString())
                .contains("command 0")
                .contains("library");
        assertThat(api.read(control).path("detail").asString()).contains("control characters");
        assertThat(api.read(eleven).path("detail").asString()).contains("1 to 10");
        assertThat(api.read(blank).path("detail").asString()).contains("comment");
        assertThat(starts()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from live_response_session where machine_id = ?", Long.class, machine))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select details->>'error' from audit_log where action = 'defender.live-response.start'"
                                + " and target = ? and details->>'commands' = ?",
                        String.class,
                        "machine:" + machine,
                        "GetFile C:\\a.zip; RunScript minidump.ps1"))
                .startsWith("bad request: commands must be ordered");
    }

    @Test
    void defendersRefusalOfAScriptNotInTheLibraryIsTheCallersBadRequestAndFreesThePlace() throws Exception {
        String machine = machine();
        String key = keys.key(Role.ENGINEER);

        HttpResponse<String> refused = start(machine, session("x", runScript("unknown.ps1")), key);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(api.read(refused).path("defenderMessage").asString())
                .contains("not found in the live response library");
        assertThat(jdbc.queryForMap(
                        "select status, ended_at is not null as ended from live_response_session where machine_id = ?",
                        machine))
                .containsEntry("status", "Refused")
                .containsEntry("ended", true);
        HttpResponse<String> again = start(machine, TRIAGE, key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    }

    @Test
    void aSecondSessionOnTheSameDeviceIsAConflictThatNeverReachesDefender() throws Exception {
        live.hold(true);
        String machine = machine();
        String key = keys.key(Role.ENGINEER);
        Map<String, Object> body = TRIAGE;

        HttpResponse<String> first = start(machine, body, key);
        HttpResponse<String> second = start(machine, body, key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(api.read(second).path("detail").asString()).contains("one per device");
        assertThat(starts()).hasSize(1);
    }

    @Test
    void aSessionDefenderAlreadyRunsOnTheDeviceIsAConflict() throws Exception {
        live.hold(true);
        String machine = machine();
        String key = keys.key(Role.ENGINEER);
        Map<String, Object> body = TRIAGE;
        assertThat(start(machine, body, key).statusCode()).isEqualTo(202);
        // Vigil forgets it (as if started in the portal): Defender's own refusal answers.
        jdbc.update("update live_response_session set ended_at = now() where machine_id = ?", machine);

        HttpResponse<String> second = start(machine, body, key);

        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(starts()).hasSize(2);
        assertThat(jdbc.queryForObject(
                        "select error from live_response_session where machine_id = ? and status = 'Refused'",
                        String.class,
                        machine))
                .startsWith("400 ActiveRequestAlreadyExists");
    }

    @Test
    void aSessionDefenderNoLongerKnowsEndsAndFreesTheDevice() throws Exception {
        live.hold(true);
        String machine = machine();
        String key = keys.key(Role.ENGINEER);
        Map<String, Object> body = TRIAGE;
        HttpResponse<String> started = start(machine, body, key);
        JsonNode session = api.read(started);

        live.forget(session.path("actionId").asString());

        JsonNode ended = awaitEnded(machine, session.path("id").asString(), key);
        assertThat(ended.path("error").asString()).startsWith("Defender no longer knows action");
        assertThat(ended.path("commands").get(0).path("status").asString()).isEqualTo("Created");
        assertThat(start(machine, body, key).statusCode()).isEqualTo(202);
    }

    @Test
    void beyondTheOpenSessionLimitAStartIsRefusedWithRetryAfter() throws Exception {
        live.hold(true);
        String key = keys.key(Role.ENGINEER);
        Map<String, Object> body = TRIAGE;
        for (int i = 0; i < 3; i++) {
            assertThat(start(machine(), body, key).statusCode()).isEqualTo(202);
        }

        HttpResponse<String> fourth = start(machine(), body, key);

        assertThat(fourth.statusCode()).as(fourth.body()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(fourth.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(api.read(fourth).path("detail").asString()).contains("3 live-response sessions open");
        assertThat(starts()).hasSize(3);

        // Once they end, there is room again.
        live.hold(false);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from live_response_session where tenant = ? and ended_at is null",
                                Long.class,
                                tenant)
                        == 0);
        assertThat(start(machine(), body, key).statusCode()).isEqualTo(202);
    }

    @Test
    void beyondTenStartsAMinuteAStartIsRefusedWithRetryAfter() throws Exception {
        String key = keys.key(Role.ENGINEER);
        Map<String, Object> body = TRIAGE;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> started = start(machine(), body, key);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            // Under the open-session limit (3): each ends before the next starts.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from live_response_session where tenant = ?"
                                            + " and ended_at is null",
                                    Long.class,
                                    tenant)
                            == 0);
        }

        HttpResponse<String> eleventh = start(machine(), body, key);

        assertThat(eleventh.statusCode()).as(eleventh.body()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(eleventh.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(api.read(eleventh).path("detail").asString()).contains("10 live-response sessions a minute");
        assertThat(starts()).hasSize(10);
        // Another tenant's quota is its own.
        assertThat(DefenderApiClient.tenant(port, nextTenant())
                        .post("/machines/" + machine() + "/live-response", body, key)
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void analystsMayListTheLibraryButNotStartOrReadSessions() throws Exception {
        String machine = machine();
        String engineer = keys.key(Role.ENGINEER);
        String analyst = keys.key(Role.ANALYST);
        HttpResponse<String> started = start(machine, TRIAGE, engineer);
        String sessionId = api.read(started).path("id").asString();
        awaitEnded(machine, sessionId, engineer);

        HttpResponse<String> start = start(machine, TRIAGE, analyst);
        HttpResponse<String> read = api.get("/machines/" + machine + "/live-response/" + sessionId, analyst);
        HttpResponse<String> file =
                api.get("/machines/" + machine + "/live-response/" + sessionId + "/files/0", analyst);
        HttpResponse<String> library = api.get("/live-response/library", analyst);

        assertThat(start.statusCode()).isEqualTo(403);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(file.statusCode()).isEqualTo(403);
        assertThat(library.statusCode()).isEqualTo(200);
        JsonNode files = api.read(library);
        assertThat(files).hasSize(3);
        assertThat(files.get(0).path("fileName").asString()).isEqualTo("minidump.ps1");
        assertThat(files.get(0).path("description").asString()).isEqualTo("Writes a process's minidump to a zip");
        assertThat(files.get(0).path("hasParameters").asBoolean()).isTrue();
        // Missing fields are tolerated.
        assertThat(files.get(2).path("fileName").asString()).isEqualTo("procdump64.exe");
        assertThat(files.get(2).path("description").isNull()).isTrue();
        assertThat(starts()).hasSize(1);
    }

    @Test
    void anUnknownSessionOrOneOnAnotherDeviceIsNotFound() throws Exception {
        String machine = machine();
        String key = keys.key(Role.ENGINEER);
        HttpResponse<String> started = start(machine, TRIAGE, key);
        String sessionId = api.read(started).path("id").asString();

        assertThat(api.get("/machines/" + machine() + "/live-response/" + sessionId, key)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/machines/" + machine + "/live-response/" + UUID.randomUUID(), key)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/machines/" + machine + "/live-response/not-a-uuid", key)
                        .statusCode())
                .isEqualTo(400);
        assertThat(DefenderApiClient.tenant(port, "nowhere")
                        .get("/machines/" + machine + "/live-response/" + sessionId, key)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theResultLinksSignatureAppearsInNoRecordAnswerOrLog() throws Exception {
        String machine = machine();
        live.deviceFile(machine, "C:\\Temp\\x.bin", new byte[] {1, 2, 3});
        String key = keys.key(Role.ENGINEER);
        HttpResponse<String> started =
                start(machine, session("x", runScript("minidump.ps1"), getFile("C:\\Temp\\x.bin")), key);
        String sessionId = api.read(started).path("id").asString();
        JsonNode ended = awaitEnded(machine, sessionId, key);
        assertThat(blobRequests(ended.path("actionId").asString())).hasSize(2);

        assertThat(ended.toString())
                .doesNotContain(FakeLiveResponse.SAS_SIGNATURE)
                .doesNotContain("sig=");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where details::text like ?",
                        Long.class,
                        "%" + FakeLiveResponse.SAS_SIGNATURE + "%"))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from live_response_session s join live_response_command c"
                                + " on c.session_id = s.id where coalesce(s.error, '') || coalesce(c.result_error, '')"
                                + " || coalesce(c.script_output, '') || s.commands::text like ?",
                        Long.class,
                        "%" + FakeLiveResponse.SAS_SIGNATURE + "%"))
                .isZero();
        // The build writes every test's log there; a missing folder must fail this check, not skip it.
        try (Stream<Path> files = Files.list(Path.of("target/test-logs"))) {
            for (Path log : files.toList()) {
                assertThat(Files.readString(log, StandardCharsets.UTF_8))
                        .as(log.toString())
                        .doesNotContain(FakeLiveResponse.SAS_SIGNATURE);
            }
        }
    }

    @Test
    void aResultHostThatStallsMidBodyIsCutOffAtTheDownloadTimeoutAndThePollerGoesOn() throws Exception {
        live.hold(true);
        String slow = machine();
        live.deviceFile(slow, "C:\\Temp\\slow.bin", new byte[600]);
        String key = keys.key(Role.ENGINEER);
        JsonNode session = api.read(start(slow, session("x", getFile("C:\\Temp\\slow.bin")), key));
        // Headers at once, then a byte every 100 ms for a minute: every read makes progress, the whole never ends.
        live.stallResult(session.path("actionId").asString(), 0);
        live.hold(false);

        JsonNode ended = awaitEnded(slow, session.path("id").asString(), key);

        assertThat(ended.path("status").asString()).isEqualTo("Succeeded");
        assertNotKept(ended.path("commands").get(0), "download-timeout");
        assertThat(blobRequests(session.path("actionId").asString())).hasSize(1);
        // The poller was not left hanging on the stalled body: the next session runs to its end.
        String next = machine();
        JsonNode afterEnded =
                awaitEnded(next, api.read(start(next, TRIAGE, key)).path("id").asString(), key);
        assertThat(output(afterEnded, 0)).isEqualTo("ran triage.ps1 with ''");
    }

    @Test
    void anotherInstanceDoesNotPollASessionClaimedWithinThePollInterval() throws Exception {
        live.hold(true);
        String machine = machine();
        String key = keys.key(Role.ENGINEER);
        poller.stop();
        try {
            JsonNode session = api.read(start(machine, TRIAGE, key));
            String actionId = session.path("actionId").asString();
            // Two Vigil instances on the one database, each polling every hour.
            LiveResponseProperties hourly = new LiveResponseProperties(
                    3, 10, DataSize.ofKilobytes(400), Duration.ofSeconds(3), Duration.ofHours(1), 20, Duration.ZERO);
            LiveResponse first = instance(hourly);
            LiveResponse second = instance(hourly);

            first.pollOnce(1_000);
            second.pollOnce(1_000);

            assertThat(polls(actionId)).isEqualTo(1);
            // An hour later it is due again, for whichever instance comes first.
            jdbc.update(
                    "update live_response_session set last_polled_at = last_polled_at - interval '2 hours'"
                            + " where id = ?::uuid",
                    session.path("id").asString());
            second.pollOnce(1_000);
            first.pollOnce(1_000);
            assertThat(polls(actionId)).isEqualTo(2);
        } finally {
            poller.start();
        }
    }

    @Test
    void aStartDefenderAcceptsAfterVigilGaveItUpReopensTheSessionAndKeepsItsResults() throws Exception {
        String machine = machine();
        String key = keys.key(Role.ENGINEER);
        LiveSessions sessions = new LiveSessions(jdbc, tx, Clock.systemUTC());
        UUID id = UUID.randomUUID();
        LiveRequest request = reserve(sessions, id, machine, "late answer");
        // What the lost-start rule does while this start is still retrying in another instance.
        sessions.refused(id, "Defender's answer to the start was never recorded");

        sessions.started(
                id,
                new DefenderLiveResponse(defenderHttp)
                        .start(tenant, machine, request, UUID.randomUUID().toString()));

        JsonNode ended = awaitEnded(machine, id.toString(), key);
        assertThat(ended.path("status").asString()).isEqualTo("Succeeded");
        assertThat(ended.path("error").isNull()).isTrue();
        assertThat(output(ended, 0)).isEqualTo("ran triage.ps1 with ''");
    }

    @Test
    void aStartStillInFlightIsGivenUpOnlyAfterTheLostStartCutOff() throws Exception {
        String machine = machine();
        LiveSessions sessions = new LiveSessions(jdbc, tx, Clock.systemUTC());
        UUID id = UUID.randomUUID();
        poller.stop();
        try {
            reserve(sessions, id, machine, "slow start");
            // Six minutes: retries and waits for Defender's quota can take that long (max-wait × attempts).
            jdbc.update("update live_response_session set created_at = now() - interval '6 minutes' where id = ?", id);

            liveResponse.pollOnce(1_000);

            assertThat(jdbc.queryForMap("select status, ended_at from live_response_session where id = ?", id))
                    .containsEntry("status", "Starting")
                    .containsEntry("ended_at", null);

            // Past fifteen minutes no start is still in flight: its answer was lost.
            jdbc.update(
                    "update live_response_session set created_at = now() - interval '16 minutes',"
                            + " last_polled_at = null where id = ?",
                    id);
            liveResponse.pollOnce(1_000);
            assertThat(jdbc.queryForMap(
                            "select status, error, ended_at is not null as ended from live_response_session"
                                    + " where id = ?",
                            id))
                    .containsEntry("status", "Refused")
                    .containsEntry("error", "Defender's answer to the start was never recorded")
                    .containsEntry("ended", true);
        } finally {
            poller.start();
        }
    }

    /**
     * Reserves a session of one library script on the device in this test's tenant, as a start does before it
     * asks Defender; answers the request.
     */
    private LiveRequest reserve(LiveSessions sessions, UUID id, String machine, String comment) {
        LiveRequest request =
                new LiveRequest(comment, List.of(new LiveCommand(LiveCommand.Type.RunScript, "triage.ps1", null)));
        sessions.reserve(
                id,
                tenant,
                machine,
                "test",
                request,
                new DefenderLiveResponse(defenderHttp).commands(request.commands()),
                3,
                new StartsPerMinute(10));
        return request;
    }

    /** A file command that completed but whose file Vigil did not keep, saying why, without the link's signature. */
    private static void assertNotKept(JsonNode command, String why) {
        assertThat(command.path("status").asString()).isEqualTo("Completed");
        assertThat(command.path("file").isNull()).isTrue();
        assertThat(command.path("resultError").asString())
                .contains(why)
                .doesNotContain("sig=")
                .doesNotContain(FakeLiveResponse.SAS_SIGNATURE);
    }

    /** The output of the ended session's script command at the index. */
    private static String output(JsonNode ended, int index) {
        return ended.path("commands").get(index).path("script").path("output").asString();
    }

    /** Another Vigil instance's live response on this one's database and Defender. */
    private LiveResponse instance(LiveResponseProperties properties) {
        return new LiveResponseConfiguration()
                .liveResponse(defenderHttp, defenderProperties, properties, jdbc, tx, publisher);
    }

    /**
     * The blob requests for one action's results. Only these: an earlier test's session (cancelled by the reset)
     * may still be ended by the poller and its results fetched meanwhile.
     */
    private static List<String> blobRequests(String actionId) {
        return live.blobRequests().stream()
                .filter(r -> r.startsWith("GET /blob/lr/" + actionId + "/"))
                .toList();
    }

    /** How often Vigil asked Defender about an action. */
    private static long polls(String actionId) {
        return fake.apiRequests().stream()
                .filter(r -> r.equals("GET /api/machineactions/" + actionId))
                .count();
    }

    private JsonNode awaitEnded(String machine, String sessionId, String key) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> response = api.get("/machines/" + machine + "/live-response/" + sessionId, key);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            last[0] = api.read(response);
            return !last[0].path("endedAt").isNull();
        });
        return last[0];
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Starts a session of the commands on the device, in this test's tenant. */
    private HttpResponse<String> start(String machine, Map<String, ?> body, String key) throws Exception {
        return api.post("/machines/" + machine + "/live-response", body, key);
    }

    /** The session's file of the command at the index, as bytes. */
    private HttpResponse<byte[]> file(String machine, String sessionId, int index, String key) throws Exception {
        return api.getBytes("/machines/" + machine + "/live-response/" + sessionId + "/files/" + index, key);
    }

    /** A start request's body. */
    private static Map<String, Object> session(String comment, Object... commands) {
        return Map.of("comment", comment, "commands", List.of(commands));
    }

    private static Map<String, Object> runScript(String script) {
        return Map.of("type", "RunScript", "script", script);
    }

    private static Map<String, Object> getFile(String path) {
        return Map.of("type", "GetFile", "path", path);
    }
}
