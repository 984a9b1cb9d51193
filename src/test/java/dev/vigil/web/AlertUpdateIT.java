package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.access.AccessAdministration;
import dev.vigil.access.Actor;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code PATCH /api/v1/alerts/{id}} over real HTTP on a fresh schema: status, assignee, errors, audit. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vigil.access.create-first-admin-key=false", "vigil.triage.workers=0"})
class AlertUpdateIT {

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_patch_");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    AlertStore alerts;

    @Autowired
    AccessAdministration administration;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String analyst;
    private String analystName;
    private String bob;

    @BeforeEach
    void callers() {
        var key = keys.create("patch analyst " + UUID.randomUUID(), Role.ANALYST);
        analyst = key.key();
        analystName = "key:" + key.info().id();
        bob = "bob" + UUID.randomUUID().toString().substring(0, 8);
        administration.createUser(new Actor("cli:test", null, null), bob, Role.ANALYST, null, null);
    }

    @Test
    void acknowledgingSetsAcknowledgedAtOnceAndLaterMovesKeepIt() throws Exception {
        AlertId id = newAlert();

        HttpResponse<String> acknowledged = patch(id.toString(), "{\"status\":\"acknowledged\"}", analyst);

        assertThat(acknowledged.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(acknowledged.body());
        assertThat(body.path("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(body.path("acknowledgedAt").asString()).isNotEmpty();
        Timestamp first = acknowledgedAt(id);
        assertThat(first).isNotNull();

        assertThat(patch(id.toString(), "{\"status\":\"RESOLVED\"}", analyst).statusCode())
                .isEqualTo(200);
        assertThat(patch(id.toString(), "{\"status\":\"ACKNOWLEDGED\"}", analyst)
                        .statusCode())
                .isEqualTo(200);
        assertThat(acknowledgedAt(id)).isEqualTo(first);
        assertThat(jdbc.query(
                        "select actor, details->>'status' from audit_log where action = 'alert.update' and target = ?"
                                + " order by seq",
                        (rs, n) -> rs.getString(1) + " " + rs.getString(2),
                        "alert:" + id))
                .containsExactly(
                        analystName + " NEW -> ACKNOWLEDGED",
                        analystName + " ACKNOWLEDGED -> RESOLVED",
                        analystName + " RESOLVED -> ACKNOWLEDGED");
    }

    @Test
    void assigningNamesAUserAndAnEmptyAssigneeClearsIt() throws Exception {
        AlertId id = newAlert();

        HttpResponse<String> assigned = patch(id.toString(), "{\"assignee\":\"" + bob.toUpperCase() + "\"}", analyst);

        assertThat(assigned.statusCode()).isEqualTo(200);
        assertThat(json.readTree(assigned.body()).path("assignee").asString()).isEqualTo(bob);
        assertThat(json.readTree(assigned.body()).path("status").asString()).isEqualTo("NEW");
        assertThat(assignee(id)).isEqualTo(bob);
        JsonNode read = json.readTree(get(id.toString(), analyst).body());
        assertThat(read.path("assignee").asString()).isEqualTo(bob);

        assertThat(patch(id.toString(), "{\"assignee\":\"\",\"status\":\"FALSE_POSITIVE\"}", analyst)
                        .statusCode())
                .isEqualTo(200);
        assertThat(assignee(id)).isNull();
        assertThat(acknowledgedAt(id)).isNull();
        assertThat(jdbc.queryForList(
                        "select details->>'assignee' from audit_log where action = 'alert.update' and target = ?"
                                + " order by seq",
                        String.class,
                        "alert:" + id))
                .containsExactly("(nobody) -> " + bob, bob + " -> (nobody)");
    }

    @Test
    void refusesWhatItCannotDoWithProblems() throws Exception {
        AlertId id = newAlert();
        String unknown = AlertId.newId().toString();

        assertProblem(patch(unknown, "{\"status\":\"ACKNOWLEDGED\"}", analyst), 404, "not-found");
        assertProblem(patch(id.toString(), "{\"status\":\"CLOSED\"}", analyst), 400, "bad-request");
        assertProblem(patch(id.toString(), "{\"status\":\"TRIAGED\"}", analyst), 400, "bad-request");
        assertProblem(patch(id.toString(), "{\"assignee\":\"nobody-at-all\"}", analyst), 400, "bad-request");
        assertProblem(patch(id.toString(), "{}", analyst), 400, "bad-request");
        assertProblem(patch("not-an-id", "{\"status\":\"RESOLVED\"}", analyst), 400, "bad-request");
        assertThat(patch(id.toString(), "{\"status\":\"RESOLVED\"}", null).statusCode())
                .isEqualTo(401);

        assertThat(jdbc.queryForObject("select status from alert where id = ?", String.class, id.value()))
                .isEqualTo("NEW");
        assertThat(assignee(id)).isNull();
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where action = 'alert.update' and target in (?, ?)",
                        Integer.class,
                        "alert:" + id,
                        "alert:" + unknown))
                .isZero();
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("type").asString()).isEqualTo("urn:vigil:problem:" + type);
    }

    private AlertId newAlert() {
        Alert alert = new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.SURICATA,
                null,
                Instant.now(),
                null,
                "Patch me",
                null,
                null,
                Severity.MEDIUM,
                null,
                Entities.NONE,
                null,
                "{}");
        alerts.append(List.of(alert));
        return alert.id();
    }

    private HttpResponse<String> patch(String id, String body, @Nullable String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/alerts/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String id, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts/" + id))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private @Nullable Timestamp acknowledgedAt(AlertId id) {
        return jdbc.queryForObject("select acknowledged_at from alert where id = ?", Timestamp.class, id.value());
    }

    private @Nullable String assignee(AlertId id) {
        return jdbc.queryForObject("select assignee from alert where id = ?", String.class, id.value());
    }
}
