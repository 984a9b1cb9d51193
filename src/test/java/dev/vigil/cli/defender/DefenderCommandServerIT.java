package dev.vigil.cli.defender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import dev.vigil.respond.FakeDefender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code vigil defender} end to end: the command against a real running Vigil (real API keys, permissions,
 * audit, PostgreSQL), which calls {@link FakeDefender}. What the CLI prints is what Defender holds, and the
 * action it starts is Vigil's stored, audited action.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
class DefenderCommandServerIT {

    static final FakeDefender fake = new FakeDefender();
    static final List<String> machines = fake.addMachines(3);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_clidef_");
        registry.add("vigil.defender.api-url", () -> fake.apiUrl().toString());
        registry.add("vigil.defender.login-url", () -> fake.loginUrl().toString());
        registry.add("vigil.defender.trust-store", () -> fake.trustStore().toString());
        registry.add("vigil.defender.trust-store-password", fake::trustStorePassword);
        registry.add("vigil.defender.tenants.contoso.tenant-id", () -> FakeDefender.TENANT_ID);
        registry.add("vigil.defender.tenants.contoso.client-id", () -> FakeDefender.CLIENT_ID);
        registry.add("vigil.defender.tenants.contoso.client-secret", () -> FakeDefender.CLIENT_SECRET);
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
        assertThat(lines).hasSize(4);
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
}
