package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.Role;
import dev.vigil.respond.DefenderApiClient;
import dev.vigil.respond.DefenderServerSetup;
import dev.vigil.respond.FakeDefender;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/defender/{tenant}/machines…} over real HTTP with API keys, Vigil configured against {@link
 * FakeDefender}: answers, problems for each kind of failure, and the audit log.
 */
class DefenderMachinesIT extends DefenderServerSetup {

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final List<String> ids = fake.addMachines(3);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "vigil_mde_", fake);
        registry.add("vigil.defender.max-retries", () -> "2");
        registry.add("vigil.defender.tenants.fabrikam.tenant-id", () -> FakeDefender.TENANT_ID);
        registry.add("vigil.defender.tenants.fabrikam.client-id", () -> FakeDefender.CLIENT_ID);
        registry.add("vigil.defender.tenants.fabrikam.client-secret", () -> DefenderClientIT.WRONG_SECRET);
    }

    @BeforeEach
    void reset() {
        api = DefenderApiClient.server(port);
        fake.reset();
    }

    @Test
    void anAnalystListsMachinesAndTheCallIsAudited() throws Exception {
        String key = keys.key(Role.ANALYST);

        HttpResponse<String> response = api.get("/api/v1/defender/contoso/machines?top=2", key);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.read(response);
        assertThat(body).hasSize(2);
        assertThat(body.get(0).path("id").asString()).isEqualTo(ids.get(0));
        assertThat(body.get(0).path("computerDnsName").asString()).isEqualTo("ws-001.contoso.com");
        assertThat(body.get(0).path("isAadJoined").asBoolean()).isTrue();
        String requestId =
                response.headers().firstValue("X-Defender-Request-Id").orElseThrow();
        assertThat(fake.requestIds()).containsExactly(requestId);
        assertThat(fake.apiRequests().get(0)).contains("$top=2");

        Map<String, Object> audit = jdbc.queryForMap(
                "select actor, action, target, outcome, details::text as details from audit_log"
                        + " where details->>'request_id' = ?",
                requestId);
        assertThat(audit.get("actor")).asString().startsWith("key:");
        assertThat(audit.get("action")).isEqualTo("defender.machines.list");
        assertThat(audit.get("target")).isEqualTo("defender:contoso");
        assertThat(audit.get("outcome")).isEqualTo("SUCCESS");
        assertThat(audit.get("details")).asString().contains("\"tenant\": \"contoso\"", "\"count\": \"2\"");
    }

    @Test
    void searchesByNamePrefixAndByIp() throws Exception {
        String key = keys.key(Role.ANALYST);

        JsonNode byName = json.readTree(
                api.get("/api/v1/defender/contoso/machines?name=ws-002", key).body());
        JsonNode byIp = json.readTree(
                api.get("/api/v1/defender/contoso/machines?ip=10.1.0.3", key).body());

        assertThat(byName).hasSize(1);
        assertThat(byName.get(0).path("id").asString()).isEqualTo(ids.get(1));
        assertThat(byIp).hasSize(1);
        assertThat(byIp.get(0).path("id").asString()).isEqualTo(ids.get(2));
    }

    @Test
    void getsAMachineAndWhoLoggedOn() throws Exception {
        String key = keys.key(Role.ANALYST);

        HttpResponse<String> machine = api.get("/api/v1/defender/contoso/machines/" + ids.get(1), key);
        HttpResponse<String> users = api.get("/api/v1/defender/contoso/machines/" + ids.get(1) + "/logonusers", key);

        assertThat(machine.statusCode()).isEqualTo(200);
        assertThat(api.read(machine).path("lastIpAddress").asString()).isEqualTo("10.1.0.2");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(api.read(users).get(0).path("accountName").asString()).isEqualTo("user2");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where action = 'defender.machines.logonusers' and target = ?",
                        Long.class,
                        "machine:" + ids.get(1)))
                .isEqualTo(1L);
    }

    @Test
    void anUnknownTenantIsNotFound() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/defender/nowhere/machines", keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode problem = api.read(response);
        assertThat(problem.path("type").asString()).isEqualTo("urn:vigil:problem:defender-tenant-unknown");
        assertThat(fake.apiRequests()).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select details->>'error' from audit_log where target = 'defender:nowhere' and outcome = 'FAILURE'",
                        String.class))
                .isEqualTo("unknown tenant");
    }

    @Test
    void defendersRefusalIsABadGatewayCarryingItsCodeAndMessage() throws Exception {
        fake.answerError(403, "Forbidden", "Missing application roles. Required: Machine.Read.All");

        HttpResponse<String> response = api.get("/api/v1/defender/contoso/machines", keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = api.read(response);
        assertThat(problem.path("type").asString()).isEqualTo("urn:vigil:problem:defender-error");
        assertThat(problem.path("defenderCode").asString()).isEqualTo("Forbidden");
        assertThat(problem.path("defenderMessage").asString()).contains("Machine.Read.All");
        assertThat(problem.path("requestId").asString())
                .isEqualTo(fake.requestIds().get(0));
        assertThat(jdbc.queryForObject(
                        "select outcome from audit_log where details->>'request_id' = ?",
                        String.class,
                        problem.path("requestId").asString()))
                .isEqualTo("FAILURE");
    }

    @Test
    void anUnknownMachineIsNotFoundWithDefendersCode() throws Exception {
        HttpResponse<String> response = api.get(
                "/api/v1/defender/contoso/machines/ffffffffffffffffffffffffffffffffffffffff", keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(api.read(response).path("defenderCode").asString()).isEqualTo("ResourceNotFound");
    }

    @Test
    void aTokenFailureIsABadGatewayNamingTheTenantAndTheAadstsCode() throws Exception {
        HttpResponse<String> response = api.get("/api/v1/defender/fabrikam/machines", keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = api.read(response);
        assertThat(problem.path("type").asString()).isEqualTo("urn:vigil:problem:defender-token-failed");
        assertThat(problem.path("tenant").asString()).isEqualTo("fabrikam");
        assertThat(problem.path("aadsts").asString()).isEqualTo("AADSTS7000215");
        assertThat(response.body()).doesNotContain(DefenderClientIT.WRONG_SECRET);
        assertThat(fake.apiRequests()).isEmpty();
    }

    @Test
    void defenderDownIsABadGatewayAfterTheRetries() throws Exception {
        fake.answerUnavailable(5);

        HttpResponse<String> response = api.get("/api/v1/defender/contoso/machines", keys.key(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(api.read(response).path("type").asString()).isEqualTo("urn:vigil:problem:defender-unavailable");
        assertThat(fake.apiRequests()).hasSize(3);
    }

    @Test
    void withoutAKeyNothingReachesDefender() throws Exception {
        assertThat(api.get("/api/v1/defender/contoso/machines", null).statusCode())
                .isEqualTo(401);
        assertThat(fake.apiRequests()).isEmpty();
    }

    @Test
    void aBadTopIsABadRequest() throws Exception {
        assertThat(api.get("/api/v1/defender/contoso/machines?top=0", keys.key(Role.ANALYST))
                        .statusCode())
                .isEqualTo(400);
        assertThat(fake.apiRequests()).isEmpty();
    }
}
