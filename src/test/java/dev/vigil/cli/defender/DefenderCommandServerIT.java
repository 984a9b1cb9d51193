package dev.vigil.cli.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ServerSchemas;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Role;
import dev.vigil.access.Users;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.FakeDetectionRules;
import dev.vigil.respond.FakeHunting;
import dev.vigil.respond.FakeIncidents;
import dev.vigil.respond.FakeLiveResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;

/**
 * {@code vigil defender} end to end: the command against a real running Vigil (real API keys, permissions,
 * audit, PostgreSQL), which calls {@link FakeDefender}. What the CLI prints is what Defender holds, and the
 * action it starts is Vigil's stored, audited action.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            "vigil.defender.live-response.poll-interval=100ms",
            "vigil.defender.hunting.scheduler-enabled=false"
        })
class DefenderCommandServerIT {

    static final FakeDefender fake = new FakeDefender();
    static final List<String> machines = fake.addMachines(5);
    static final FakeHunting hunting = FakeHunting.on(fake);
    static final FakeIncidents incidents = new FakeIncidents(fake);
    static final FakeDetectionRules graphRules = new FakeDetectionRules(fake);
    static final FakeLiveResponse live = new FakeLiveResponse(fake);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_clidef_");
        fake.register(registry);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    Users users;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private Cli cli;

    private int defender(String key, String... args) {
        cli = new Cli(Map.of("VIGIL_API_KEY", key));
        String[] all = new String[args.length + 5];
        all[0] = "defender";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--url";
        all[args.length + 2] = "http://127.0.0.1:" + port;
        all[args.length + 3] = "--tenant";
        all[args.length + 4] = "contoso";
        return cli.run(all);
    }

    @Test
    void listsDefendersMachinesThroughVigil() {
        String key = keys.create("cli machines list", Role.ANALYST).key();

        int exit = defender(key, "machines", "list");

        assertThat(exit).as(cli::err).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(machines.size() + 1);
        assertThat(lines.get(0)).startsWith("ID").contains("NAME", "HEALTH", "LAST IP");
        for (int i = 0; i < 3; i++) {
            assertThat(cli.out()).contains(machines.get(i));
        }
        assertThat(cli.out()).contains("ws-001.contoso.com", "Windows11", "10.1.0.1");
        assertThat(cli.out() + cli.err()).doesNotContain(key);
        assertThat(fake.apiRequests()).anyMatch(r -> r.startsWith("GET /api/machines"));
    }

    @Test
    void isolatesADeviceWithAKeyFromAFileAndVigilStoresAndAuditsTheAction() throws IOException {
        fake.machineActions().lifecycle();
        String machine = machines.get(1);
        String key = keys.create("cli isolate", Role.ENGINEER).key();
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, key + "\n");
        cli = new Cli(Map.of());

        int exit = cli.run(
                "defender",
                "isolate",
                machine,
                "--type",
                "Selective",
                "--comment",
                "Ransomware on ws-002; SOC-77",
                "--url",
                "http://127.0.0.1:" + port,
                "--tenant",
                "contoso",
                "--api-key-file",
                keyFile.toString());

        assertThat(exit).as(cli::err).isZero();
        String actionId = jdbc.queryForObject(
                "select id from defender_action where machine_id = ? and type = 'Isolate'", String.class, machine);
        assertThat(cli.out().strip()).isEqualTo("Isolate (Selective) " + actionId + " on " + machine + ": Pending");
        assertThat(fake.apiRequests()).contains("POST /api/machines/" + machine + "/isolate");
        assertThat(fake.machineActions().bodies().toString())
                .contains("\"Comment\":\"Ransomware on ws-002; SOC-77\"", "\"IsolationType\":\"Selective\"");
        Map<String, Object> audit = jdbc.queryForMap(
                "select actor, outcome from audit_log where action = 'defender.actions.isolate'"
                        + " and details->>'action_id' = ?",
                actionId);
        assertThat(audit).containsEntry("outcome", "SUCCESS");
        assertThat(audit.get("actor")).asString().startsWith("key:");
        assertThat(cli.out() + cli.err()).doesNotContain(key);
    }

    @Test
    void anAnalystsKeyMayNotIsolateAndTheCommandExits3() {
        String key = keys.create("cli analyst", Role.ANALYST).key();
        int before = fake.apiRequests().size();

        int exit = defender(key, "isolate", machines.get(2), "--comment", "not mine to do");

        assertThat(exit).isEqualTo(3);
        assertThat(cli.err()).startsWith("vigil: ").contains("(HTTP 403").doesNotContain(key);
        assertThat(cli.out()).isEmpty();
        assertThat(fake.apiRequests().subList(before, fake.apiRequests().size()))
                .noneMatch(r -> r.startsWith("POST "));
    }

    @Test
    void anUnknownTenantIsVigilsProblemAndExits3() {
        String key = keys.create("cli unknown tenant", Role.ANALYST).key();
        cli = new Cli(Map.of("VIGIL_API_KEY", key));

        int exit = cli.run("defender", "machines", "list", "--url", "http://127.0.0.1:" + port, "--tenant", "fabrikam");

        assertThat(exit).isEqualTo(3);
        assertThat(cli.err()).contains("Unknown Defender tenant", "fabrikam", "(HTTP 404");
    }

    /** A person with the role and a key bound to them: approvals need people, not bare keys. */
    private String person(Role role) {
        String name = "cli-person-" + UUID.randomUUID();
        users.create(name, role, null, null);
        return keys.create(new NewApiKey("cli " + name, role, name, null, Set.of()))
                .key();
    }

    private static String found(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return matcher.group(1);
    }

    @Test
    void huntsAndListsIncidentsThroughVigil() {
        String key = keys.create("cli hunt", Role.ANALYST).key();
        String at = Instant.now()
                .minus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        JsonMapper json = JsonMapper.builder().build();
        hunting.rows(
                "DeviceProcessEvents",
                List.of(
                        json.createObjectNode()
                                .put("Timestamp", at)
                                .put("DeviceName", "ws-cli-1.contoso.com")
                                .put("FileName", "powershell.exe"),
                        json.createObjectNode()
                                .put("Timestamp", at)
                                .put("DeviceName", "ws-cli-2.contoso.com")
                                .put("FileName", "rundll32.exe")));
        String incident = incidents.add("active", "high", "dana@contoso.com", 30);
        incidents.add("resolved", "low", null, 60);

        int hunted = defender(key, "hunt", "run", "--query", "DeviceProcessEvents | take 10", "--timespan", "P1D");

        assertThat(hunted).as(cli::err).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("Timestamp", "DeviceName", "FileName");
        assertThat(cli.out()).contains("ws-cli-1.contoso.com", "powershell.exe", "ws-cli-2.contoso.com");
        assertThat(hunting.bodies())
                .anyMatch(b -> b.path("Query").asString().equals("DeviceProcessEvents | take 10")
                        && b.path("Timespan").asString().equals("P1D"));

        int listed = defender(key, "incidents", "list", "--status", "active", "--severity", "high");

        assertThat(listed).as(cli::err).isZero();
        assertThat(cli.out().lines().findFirst().orElseThrow()).contains("ID", "SEVERITY", "STATUS", "ASSIGNED TO");
        assertThat(cli.out())
                .contains(incident, "high", "active", "dana@contoso.com", "Multi-stage incident " + incident);
        assertThat(cli.out()).doesNotContain("resolved");
    }

    @Test
    void savesShowsRunsAndDeletesASavedHuntingQuery() {
        String key = keys.create("cli hunt library", Role.ENGINEER).key();
        String kql = "DeviceRegistryEvents | where RegistryKey has 'CurrentVersion' | take 5";
        hunting.rows(
                "DeviceRegistryEvents",
                List.of(JsonMapper.builder()
                        .build()
                        .createObjectNode()
                        .put(
                                "Timestamp",
                                Instant.now()
                                        .minus(2, ChronoUnit.HOURS)
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString())
                        .put("DeviceName", "ws-run-key.contoso.com")
                        .put("RegistryValueName", "updater")));

        assertThat(defender(
                        key,
                        "hunt",
                        "save",
                        "cli-run-keys",
                        "--query",
                        kql,
                        "--description",
                        "Run-key persistence",
                        "--timespan",
                        "P1D",
                        "--every",
                        "PT1H",
                        "--severity",
                        "HIGH",
                        "--reason",
                        "SOC-93 persistence coverage"))
                .as(cli::err)
                .isZero();
        found(cli.out(), "Saved query (cli-run-keys), every PT1H HIGH, next run 20");

        assertThat(defender(key, "hunt", "save", "cli-run-keys", "--query", kql, "--reason", "again"))
                .isEqualTo(3);
        assertThat(cli.err()).contains("Saved query exists", "(HTTP 409");

        assertThat(defender(key, "hunt", "show", "cli-run-keys")).as(cli::err).isZero();
        assertThat(cli.out())
                .contains("query:", kql, "Run-key persistence", "timespan:", "P1D")
                .contains("\"interval\":\"PT1H\"", "\"severity\":\"HIGH\"", "\"enabled\":true")
                .contains("createdBy:", "nextRunAt:");

        int before = hunting.bodies().size();
        assertThat(defender(key, "hunt", "saved", "cli-run-keys")).as(cli::err).isZero();
        assertThat(cli.out()).contains("DeviceName", "ws-run-key.contoso.com", "updater");
        assertThat(hunting.bodies().subList(before, hunting.bodies().size()))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.path("Query").asString()).isEqualTo(kql);
                    assertThat(b.path("Timespan").asString()).isEqualTo("P1D");
                });

        assertThat(defender(key, "hunt", "delete", "cli-run-keys", "--reason", "SOC-93 replaced by a rule"))
                .as(cli::err)
                .isZero();
        assertThat(cli.out().strip()).isEqualTo("Deleted saved query cli-run-keys");
        assertThat(defender(key, "hunt", "show", "cli-run-keys")).isEqualTo(3);
        assertThat(cli.err()).contains("(HTTP 404");
        assertThat(jdbc.queryForList(
                        "select action || ' ' || (details->>'reason') from audit_log"
                                + " where target = 'hunting-query:cli-run-keys' and outcome = 'SUCCESS'"
                                + " and action in ('defender.hunting.queries.create', 'defender.hunting.queries.delete')"
                                + " order by seq",
                        String.class))
                .containsExactly(
                        "defender.hunting.queries.create SOC-93 persistence coverage",
                        "defender.hunting.queries.delete SOC-93 replaced by a rule");
        assertThat(cli.out() + cli.err()).doesNotContain(key);
    }

    @Test
    void createsBacksUpAndRestoresADetectionRule() throws IOException {
        String key = keys.create("cli rules", Role.ENGINEER).key();
        Path rule = dir.resolve("rule.json");
        Files.writeString(rule, """
                {"displayName": "CLI encoded PowerShell", "isEnabled": true,
                 "queryCondition": {"queryText": "DeviceProcessEvents | project Timestamp, DeviceId, ReportId"},
                 "schedule": {"period": "1H"},
                 "detectionAction": {
                   "alertTemplate": {"title": "Encoded PowerShell", "description": "d", "severity": "High",
                     "category": "Execution", "mitreTechniques": ["T1059.001"],
                     "impactedAssets": [{"@odata.type": "#microsoft.graph.security.impactedDeviceAsset",
                                         "identifier": "deviceId"}]},
                   "responseActions": []}}""");

        assertThat(defender(key, "rules", "create", rule.toString(), "--reason", "SOC-88 coverage"))
                .as(cli::err)
                .isZero();
        String id = found(cli.out(), "Created rule ([0-9]+): CLI encoded PowerShell");

        Path backup = dir.resolve("backup.json");
        assertThat(defender(key, "rules", "backup", "--out", backup.toString()))
                .as(cli::err)
                .isZero();
        assertThat(cli.out()).contains("Wrote 1 rule(s) to " + backup);
        JsonNode kept = JsonMapper.builder().build().readTree(Files.readString(backup));
        assertThat(kept.path("tenant").asString()).isEqualTo("contoso");
        assertThat(kept.path("rules").path(0).path("id").asString()).isEqualTo(id);

        // Someone switches the rule off in the portal; the backup puts it back.
        graphRules.set(id, "isEnabled", BooleanNode.FALSE);
        int writes = graphRules.writes().size();

        assertThat(defender(key, "rules", "restore", backup.toString(), "--reason", "undo portal change", "--dry-run"))
                .as(cli::err)
                .isZero();
        assertThat(cli.out()).contains("Would restore (dry run, nothing changed): created 0, updated 1");
        assertThat(graphRules.writes()).hasSize(writes);

        assertThat(defender(key, "rules", "restore", backup.toString(), "--reason", "undo portal change"))
                .as(cli::err)
                .isZero();

        assertThat(cli.out())
                .contains("Restored: created 0, updated 1, unchanged 0, failed 0")
                .contains("updated", id, "CLI encoded PowerShell");
        assertThat(graphRules.writes()).hasSize(writes + 1).last().asString().startsWith("PATCH ");
        assertThat(graphRules.rules().get(0).path("isEnabled").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where action = 'defender.rules.restore'"
                                + " and details->>'reason' = 'undo portal change' and details->>'updated' = '1'"
                                + " and details->>'dry_run' = 'false'",
                        Integer.class))
                .isOne();
    }

    @Test
    void runsALiveResponseSessionFollowsItAndDownloadsTheFetchedFile() throws IOException {
        String machine = machines.get(3);
        byte[] dump = "MDMP fake minidump bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        live.deviceFile(machine, "C:\\Temp\\dump.zip", dump);
        String key = keys.create("cli live", Role.ENGINEER).key();

        int started = defender(
                key,
                "live",
                "run",
                machine,
                "--comment",
                "SOC-91 triage",
                "--script",
                "minidump.ps1",
                "--args",
                "OfficeClickToRun",
                "--get",
                "C:\\Temp\\dump.zip");

        assertThat(started).as(cli::err).isZero();
        String session = found(cli.out(), "Live response session ([0-9a-f-]{36}) on " + machine + ": ");
        JsonNode sent = live.bodies().get(live.bodies().size() - 1);
        assertThat(sent.path("Comment").asString()).isEqualTo("SOC-91 triage");
        assertThat(sent.path("Commands").toString())
                .contains("\"ScriptName\"", "minidump.ps1", "OfficeClickToRun", "\"Path\"", "dump.zip");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(defender(key, "live", "get", machine, session))
                    .as(cli::err)
                    .isZero();
            assertThat(cli.out()).contains("Session " + session + " on " + machine + ": Succeeded (ended ");
            assertThat(cli.out()).contains("kept dump.zip");
        });
        assertThat(cli.out())
                .contains("[0] RunScript minidump.ps1 OfficeClickToRun: Completed, exit code 0")
                .contains("[1] GetFile C:\\Temp\\dump.zip: Completed, kept dump.zip (" + dump.length + " bytes");

        Path file = dir.resolve("dump.zip");
        assertThat(defender(key, "live", "download", machine, session, "1", "--out", file.toString()))
                .as(cli::err)
                .isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(dump);
        assertThat(cli.out() + cli.err()).doesNotContain(FakeLiveResponse.SAS_SIGNATURE, key);
    }

    @Test
    void anOffboardWaitsForASecondAdminWhoApprovesItFromTheShell() {
        String machine = machines.get(4);
        String alice = person(Role.ADMIN);
        String bob = person(Role.ADMIN);

        int held = defender(alice, "offboard", machine, "--comment", "decommissioned; SOC-92");

        assertThat(held).as(cli::err).isZero();
        String approval =
                found(cli.out(), "Waits for approval ([0-9a-f-]{36}) \\(offboard, machine:" + machine + "\\)");
        assertThat(cli.out()).contains("vigil defender approvals approve " + approval + " --comment");
        assertThat(fake.apiRequests()).doesNotContain("POST /api/machines/" + machine + "/offboard");

        assertThat(defender(person(Role.ANALYST), "approvals", "list", "--status", "pending"))
                .as(cli::err)
                .isZero();
        assertThat(cli.out()).contains(approval, "pending", "offboard", "machine:" + machine);

        assertThat(defender(alice, "approvals", "approve", approval, "--comment", "my own"))
                .isEqualTo(3);
        assertThat(cli.err()).contains("(HTTP 403");
        assertThat(fake.apiRequests()).doesNotContain("POST /api/machines/" + machine + "/offboard");

        int approved = defender(bob, "approvals", "approve", approval, "--comment", "confirmed with the owner");

        assertThat(approved).as(cli::err).isZero();
        String actionId = jdbc.queryForObject(
                "select id from defender_action where machine_id = ? and type = 'Offboard'", String.class, machine);
        assertThat(cli.out())
                .contains("Approval " + approval + " (offboard, machine:" + machine + "): executed by ")
                .contains("Offboard " + actionId + " on " + machine + ": Pending");
        assertThat(fake.apiRequests()).contains("POST /api/machines/" + machine + "/offboard");
    }
}
