package dev.vigil.access.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Keys and users over the HTTP API, against a real PostgreSQL: expiry, revocation, disabled users, scopes,
 * a key's role capped by its user's, validation, and the audit entries each change leaves.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
class KeysAndUsersIT {

    private static final String MDE_ALERT = """
            {"id":"da638000000000000077_1","severity":"Low","status":"New","category":"Discovery",\
            "title":"Sensor key test","alertCreationTime":"2026-11-21T08:00:00Z","machineId":"7e4f5061"}""";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ServerDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    private Http http;
    private String admin;
    private UUID adminId;

    @BeforeEach
    void admin() {
        http = new Http(port);
        var created = keys.create("it admin " + UUID.randomUUID(), Role.ADMIN);
        admin = created.key();
        adminId = created.info().id();
    }

    @Test
    void anExpiredKeyIsRefusedSayingSoEvenWhileCached() throws Exception {
        String expires = Instant.now().plusSeconds(4).toString();
        String key = createKey(Map.of("name", "short-lived", "role", "analyst", "expires", expires))
                .path("apiKey")
                .asString();
        assertThat(http.get("/api/v1/queues", key).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> response = http.get("/api/v1/queues", key);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(Http.json(response).path("detail").asString()).isEqualTo("the API key has expired");
        });
        assertThat(state(key)).isEqualTo("expired");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceOnTheInstanceThatRevokedIt() throws Exception {
        JsonNode created = createKey(Map.of("name", "to revoke", "role", "engineer"));
        String key = created.path("apiKey").asString();
        String id = created.path("key").path("id").asString();
        // Used once, so it is in the validation cache when it is revoked.
        assertThat(http.get("/api/v1/queues", key).statusCode()).isEqualTo(200);

        assertThat(http.send("DELETE", "/api/v1/keys/" + id, admin, null).statusCode())
                .isEqualTo(204);

        HttpResponse<String> refused = http.get("/api/v1/queues", key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.json(refused).path("detail").asString()).contains("not valid or has been revoked");
        assertThat(http.send("DELETE", "/api/v1/keys/" + id, admin, null).statusCode())
                .isEqualTo(404);
        assertThat(audit("key.revoke", "key:" + id)).containsExactly("key:" + adminId);
    }

    @Test
    void aDisabledUsersKeysStopWorking() throws Exception {
        String user = "disabled-" + shortId();
        assertThat(post("/api/v1/users", Map.of("name", user, "role", "engineer"))
                        .statusCode())
                .isEqualTo(201);
        String key = createKey(Map.of("name", "engineer laptop", "role", "engineer", "user", user))
                .path("apiKey")
                .asString();
        assertThat(http.get("/api/v1/alerts", key).statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = http.send("PATCH", "/api/v1/users/" + user, admin, "{\"disabled\": true}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(Http.json(disabled).path("enabled").asBoolean()).isFalse();

        HttpResponse<String> refused = http.get("/api/v1/alerts", key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.json(refused).path("detail").asString()).contains("disabled user");
        assertThat(audit("user.disable", "user:" + user)).containsExactly("key:" + adminId);
        // Nor can a disabled user be given a new key.
        assertThat(post("/api/v1/keys", Map.of("name", "another", "role", "analyst", "user", user))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void anIngestScopedKeyIngestsButCannotReadAlerts() throws Exception {
        JsonNode created = createKey(Map.of("name", "sensor", "role", "analyst", "scopes", List.of("ingest")));
        String key = created.path("apiKey").asString();
        assertThat(created.path("key").path("scopes").get(0).asString()).isEqualTo("ingest");

        assertThat(http.send("POST", "/api/v1/alerts", key, MDE_ALERT).statusCode())
                .isEqualTo(202);
        HttpResponse<String> read = http.get("/api/v1/alerts", key);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(Http.json(read).path("detail").asString()).contains("alerts:read");
        assertThat(Http.json(read).path("type").asString()).isEqualTo("urn:vigil:problem:forbidden");
        assertThat(http.get("/api/v1/queues", key).statusCode()).isEqualTo(403);
    }

    @Test
    void aKeysRoleMayNotExceedItsUsersAndFollowsADemotion() throws Exception {
        String user = "capped-" + shortId();
        assertThat(post("/api/v1/users", Map.of("name", user, "role", "engineer"))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> tooHigh = post("/api/v1/keys", Map.of("name", "x", "role", "admin", "user", user));
        assertThat(tooHigh.statusCode()).isEqualTo(400);
        assertThat(Http.json(tooHigh).path("detail").asString()).contains("may not exceed");

        String key = createKey(Map.of("name", "engineer key", "role", "engineer", "user", user))
                .path("apiKey")
                .asString();
        JsonNode me = Http.json(http.get("/api/v1/me", key));
        assertThat(me.path("role").asString()).isEqualTo("engineer");
        assertThat(me.path("user").asString()).isEqualTo(user);

        assertThat(http.send("PATCH", "/api/v1/users/" + user, admin, "{\"role\": \"analyst\"}")
                        .statusCode())
                .isEqualTo(200);
        JsonNode after = Http.json(http.get("/api/v1/me", key));
        assertThat(after.path("role").asString()).isEqualTo("analyst");
        assertThat(after.path("permissions").toString()).doesNotContain("pii:detokenise");
        assertThat(audit("user.update", "user:" + user)).containsExactly("key:" + adminId);
    }

    @Test
    void meSaysWhoTheCallerIsAndWhatTheyMayDo() throws Exception {
        JsonNode me = Http.json(http.get("/api/v1/me", admin));
        assertThat(me.path("actor").asString()).isEqualTo("key:" + adminId);
        assertThat(me.path("kind").asString()).isEqualTo("key");
        assertThat(me.path("role").asString()).isEqualTo("admin");
        assertThat(me.path("permissions").toString()).contains("keys:manage", "users:manage", "alerts:ingest");
        assertThat(me.path("scopes").isEmpty()).isTrue();

        String reader = createKey(Map.of("name", "reader", "role", "engineer", "scopes", List.of("read")))
                .path("apiKey")
                .asString();
        JsonNode scoped = Http.json(http.get("/api/v1/me", reader));
        assertThat(scoped.path("scopes").get(0).asString()).isEqualTo("read");
        assertThat(scoped.path("permissions").toString())
                .contains("alerts:read", "notifications:read")
                .doesNotContain("alerts:ingest", "alerts:triage");
    }

    @Test
    void creatingAKeyShowsItOnceAndAuditsItWithoutTheKey() throws Exception {
        JsonNode created = createKey(Map.of("name", "audited", "role", "analyst", "expires", "30d"));
        String key = created.path("apiKey").asString();
        String id = created.path("key").path("id").asString();
        assertThat(key).startsWith("vgl_");
        assertThat(created.path("key").path("state").asString()).isEqualTo("active");
        assertThat(Instant.parse(created.path("key").path("expiresAt").asString()))
                .isAfter(Instant.now().plus(Duration.ofDays(29)));

        HttpResponse<String> list = http.get("/api/v1/keys", admin);
        assertThat(list.body()).contains(id).doesNotContain(key);
        assertThat(audit("key.create", "key:" + id)).containsExactly("key:" + adminId);
        String details = jdbc.queryForObject(
                "select details::text from audit_log where action = 'key.create' and target = ?",
                String.class,
                "key:" + id);
        assertThat(details).contains("analyst").doesNotContain(key).doesNotContain(key.substring(4, 20));
    }

    @Test
    void usersAreValidatedAndTheirPasswordsNeverComeBack() throws Exception {
        String user = "Valid.User-" + shortId();
        HttpResponse<String> created = post(
                "/api/v1/users",
                Map.of("name", user, "role", "analyst", "email", "valid@example.org", "password", "a long passphrase"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = Http.json(created);
        assertThat(body.path("name").asString()).isEqualTo(user.toLowerCase(java.util.Locale.ROOT));
        assertThat(body.path("hasPassword").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("a long passphrase").doesNotContain("bcrypt");
        String hash = jdbc.queryForObject(
                "select password_hash from vigil_user where name = ?",
                String.class,
                body.path("name").asString());
        assertThat(hash).startsWith("{bcrypt}$2");
        assertThat(audit("user.create", "user:" + body.path("name").asString())).containsExactly("key:" + adminId);
        String auditText = jdbc.queryForObject(
                "select string_agg(details::text, ' ') from audit_log where target = ?",
                String.class,
                "user:" + body.path("name").asString());
        assertThat(auditText).doesNotContain("passphrase").doesNotContain("$2");

        assertBadRequest(post("/api/v1/users", Map.of("name", user, "role", "analyst")), "exists already");
        assertBadRequest(post("/api/v1/users", Map.of("name", "bad name", "role", "analyst")), "login name");
        assertBadRequest(post("/api/v1/users", Map.of("name", "x".repeat(65), "role", "analyst")), "at most 64");
        assertBadRequest(post("/api/v1/users", Map.of("name", "nobody-role")), "role is required");
        assertBadRequest(post("/api/v1/users", Map.of("name", "weak", "role", "analyst", "password", "short")), "12");
        assertBadRequest(post("/api/v1/users", Map.of("name", "r", "role", "root")), "unknown role");
        assertBadRequest(http.send("POST", "/api/v1/users", admin, "{\"name\": "), "");
        assertThat(http.send("PATCH", "/api/v1/users/nobody-at-all", admin, "{\"disabled\": true}")
                        .statusCode())
                .isEqualTo(404);
        assertBadRequest(
                post("/api/v1/keys", Map.of("name", "k", "role", "analyst", "scopes", List.of("everything"))),
                "unknown scope");
        assertBadRequest(post("/api/v1/keys", Map.of("name", "k", "role", "analyst", "expires", "someday")), "90d");
        assertBadRequest(
                post("/api/v1/keys", Map.of("name", "k", "role", "analyst", "expires", "2020-01-01")), "future");
        assertBadRequest(post("/api/v1/keys", Map.of("name", " ", "role", "analyst")), "name");
        assertBadRequest(http.send("DELETE", "/api/v1/keys/not-a-uuid", admin, null), "not a key id");
        assertThat(post("/api/v1/keys", Map.of("name", "k", "role", "analyst", "user", "nobody-at-all"))
                        .statusCode())
                .isEqualTo(404);
    }

    private void assertBadRequest(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Http.json(response).path("detail").asString()).contains(detail);
    }

    private JsonNode createKey(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = post("/api/v1/keys", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private HttpResponse<String> post(String path, Map<String, Object> body) throws Exception {
        return http.send(
                "POST",
                path,
                admin,
                tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body));
    }

    private String state(String key) throws Exception {
        for (JsonNode k : Http.json(http.get("/api/v1/keys", admin))) {
            if (key.startsWith(k.path("prefix").asString())
                    && k.path("name").asString().equals("short-lived")) {
                return k.path("state").asString();
            }
        }
        return "missing";
    }

    private List<String> audit(String action, String target) {
        return jdbc.queryForList(
                "select actor from audit_log where action = ? and target = ?", String.class, action, target);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
