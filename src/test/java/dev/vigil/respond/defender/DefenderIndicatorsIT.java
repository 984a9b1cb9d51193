package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.Role;
import dev.vigil.respond.DefenderServerSetup;
import dev.vigil.respond.FakeDefender;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/defender/{tenant}/indicators…} over real HTTP with API keys, Vigil configured against {@link
 * FakeDefender}: each type added, bulk import in batches, listing across pages, removal by id and by value,
 * Defender's refusals, Vigil's own 400s, role refusals and the audit log.
 */
@TestPropertySource(
        properties = {
            // Small pages, so a listing of a few dozen indicators pages with $top and $skip.
            "vigil.defender.page-size=10"
        })
class DefenderIndicatorsIT extends DefenderServerSetup {

    @AutoClose
    static final FakeDefender fake = new FakeDefender();

    static final String SHA1 = "220e7d15b011d7fac48f2bd61114db1022197f7f";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, "vigil_ti_", fake);
        registry.add("vigil.defender.max-retries", () -> "2");
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void anEngineerAddsEachTypeWithTheReasonInTheDescriptionAndTheAudit() throws Exception {
        String key = keys.key(Role.ENGINEER);
        for (IndicatorType type : IndicatorType.values()) {
            String value = IndicatorRulesTest.sample(type);
            HttpResponse<String> response = api.post(
                    "/indicators",
                    indicator(value, type.name(), "Block")
                            .put("severity", "High")
                            .put("reason", "IR-77 " + type),
                    key);

            assertThat(response.statusCode()).as(type.name()).isEqualTo(200);
            JsonNode added = api.read(response);
            assertThat(added.path("id").asString()).matches("[0-9]+");
            assertThat(added.path("indicatorType").asString()).isEqualTo(type.name());
            assertThat(added.path("severity").asString()).isEqualTo("High");
            String requestId =
                    response.headers().firstValue("X-Defender-Request-Id").orElseThrow();
            Map<String, Object> audit = jdbc.queryForMap(
                    "select actor, action, target, outcome, details->>'reason' as reason,"
                            + " details->>'indicator_id' as indicator_id from audit_log where details->>'request_id' = ?",
                    requestId);
            assertThat(audit.get("actor")).asString().startsWith("key:");
            assertThat(audit.get("action")).isEqualTo("defender.indicators.add");
            assertThat(audit.get("target")).isEqualTo("indicator:" + value);
            assertThat(audit.get("outcome")).isEqualTo("SUCCESS");
            assertThat(audit.get("reason")).isEqualTo("IR-77 " + type);
            assertThat(audit.get("indicator_id")).isEqualTo(added.path("id").asString());
        }
        List<JsonNode> held = fake.indicators();
        assertThat(held).hasSize(IndicatorType.values().length);
        assertThat(held.get(0).path("description").asString()).isEqualTo("Reason: IR-77 FileSha1");
        assertThat(fake.apiRequests()).allMatch(r -> r.equals("POST /api/indicators"));
    }

    @Test
    void submittingTheSameValueAgainUpdatesIt() throws Exception {
        String key = keys.key(Role.ENGINEER);
        api.post("/indicators", indicator(SHA1, "FileSha1", "Audit"), key);
        HttpResponse<String> second = api.post("/indicators", indicator(SHA1, "FileSha1", "BlockAndRemediate"), key);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(fake.indicators()).hasSize(1);
        assertThat(fake.indicators().get(0).path("action").asString()).isEqualTo("BlockAndRemediate");
    }

    @Test
    void aBulkImportOf1200GoesInThreeCallsAndAnswersEachIndicator() throws Exception {
        ObjectNode batch = json.createObjectNode().put("reason", "threat feed 2026-11-26");
        ArrayNode items = batch.putArray("indicators");
        for (int i = 0; i < 1_200; i++) {
            ObjectNode item = indicator(sha256(i), "FileSha256", "Block");
            // Items without their own reason take the batch's.
            item.remove("reason");
            items.add(item);
        }

        HttpResponse<String> response = api.post("/indicators/import", batch, keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = api.read(response);
        assertThat(answer.path("imported").asInt()).isEqualTo(1_200);
        assertThat(answer.path("failed").asInt()).isZero();
        assertThat(answer.path("results")).hasSize(1_200);
        assertThat(answer.path("results").get(1_199).path("indicator").asString())
                .isEqualTo(sha256(1_199));
        assertThat(fake.apiRequests())
                .containsExactly(
                        "POST /api/indicators/import", "POST /api/indicators/import", "POST /api/indicators/import");
        assertThat(fake.indicators()).hasSize(1_200);
        assertThat(fake.indicators().get(0).path("description").asString()).isEqualTo("Reason: threat feed 2026-11-26");
        String requestId =
                response.headers().firstValue("X-Defender-Request-Id").orElseThrow();
        assertThat(jdbc.queryForObject(
                        "select details->>'count' from audit_log where action = 'defender.indicators.import'"
                                + " and details->>'request_id' = ?",
                        String.class,
                        requestId))
                .isEqualTo("1200");
    }

    @Test
    void anIndicatorDefenderRejectsInAnImportIsReportedAsFailed() throws Exception {
        fake.answerBody(
                200,
                "{\"value\": [{\"id\": \"3001\", \"indicator\": \"203.0.113.9\", \"isFailed\": false,"
                        + " \"failureReason\": null}, {\"id\": null, \"indicator\": \"203.0.113.10\", \"isFailed\": true,"
                        + " \"failureReason\": \"Indicator limit reached\"}]}");
        ObjectNode batch = json.createObjectNode().put("reason", "feed");
        batch.putArray("indicators")
                .add(indicator("203.0.113.9", "IpAddress", "Block"))
                .add(indicator("203.0.113.10", "IpAddress", "Block"));

        JsonNode answer = json.readTree(
                api.post("/indicators/import", batch, keys.key(Role.ENGINEER)).body());

        assertThat(answer.path("imported").asInt()).isEqualTo(1);
        assertThat(answer.path("failed").asInt()).isEqualTo(1);
        assertThat(answer.path("results").get(1).path("failureReason").asString())
                .isEqualTo("Indicator limit reached");
        assertThat(answer.path("results").get(0).path("id").asString()).isEqualTo("3001");
    }

    @Test
    void aBadItemInABulkImportIsA400NamingItsIndexAndNothingIsSent() throws Exception {
        ObjectNode batch = json.createObjectNode().put("reason", "feed");
        batch.putArray("indicators")
                .add(indicator(SHA1, "FileSha1", "Block"))
                .add(indicator("not-a-hash", "FileSha1", "Block"));

        HttpResponse<String> response = api.post("/indicators/import", batch, keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = api.read(response);
        assertThat(problem.path("type").asString()).isEqualTo("urn:vigil:problem:defender-indicator-invalid");
        assertThat(problem.path("field").asString()).isEqualTo("indicatorValue");
        assertThat(problem.path("index").asInt()).isEqualTo(1);
        assertThat(fake.apiRequests()).isEmpty();
    }

    @Test
    void anImportOverTheCapIsRefused() throws Exception {
        ObjectNode batch = json.createObjectNode().put("reason", "feed");
        ArrayNode items = batch.putArray("indicators");
        for (int i = 0; i <= IndicatorsController.MAX_IMPORT; i++) {
            items.add(indicator(sha256(i), "FileSha256", "Block"));
        }

        HttpResponse<String> response = api.post("/indicators/import", batch, keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.read(response).path("field").asString()).isEqualTo("indicators");
        assertThat(fake.apiRequests()).isEmpty();
    }

    @Test
    void anAnalystListsAcrossPagesAndByTypeOrValue() throws Exception {
        String engineer = keys.key(Role.ENGINEER);
        ObjectNode batch = json.createObjectNode().put("reason", "feed");
        ArrayNode items = batch.putArray("indicators");
        for (int i = 0; i < 25; i++) {
            items.add(indicator(sha256(i), "FileSha256", "Block"));
        }
        items.add(indicator("evil.contoso.com", "DomainName", "Warn"));
        api.post("/indicators/import", batch, engineer);
        String analyst = keys.key(Role.ANALYST);
        int before = fake.apiRequests().size();

        HttpResponse<String> all = api.get("/indicators?top=100", analyst);

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(api.read(all)).hasSize(26);
        assertThat(fake.apiRequests().subList(before, fake.apiRequests().size()))
                .hasSize(3)
                .allMatch(r -> r.startsWith("GET /api/indicators"));
        JsonNode domains =
                json.readTree(api.get("/indicators?type=DomainName", analyst).body());
        assertThat(domains).hasSize(1);
        assertThat(domains.get(0).path("indicatorValue").asString()).isEqualTo("evil.contoso.com");
        JsonNode byValue =
                json.readTree(api.get("/indicators?value=" + sha256(3), analyst).body());
        assertThat(byValue).hasSize(1);
        assertThat(api.get("/indicators?type=Sha512", analyst).statusCode()).isEqualTo(400);
    }

    @Test
    void removesByIdThenAGoneIdIsNotFound() throws Exception {
        String key = keys.key(Role.ENGINEER);
        String id = json.readTree(api.post("/indicators", indicator(SHA1, "FileSha1", "Block"), key)
                        .body())
                .path("id")
                .asString();

        HttpResponse<String> deleted = api.delete("/indicators/" + id + "?reason=false%20positive", key);
        HttpResponse<String> again = api.delete("/indicators/" + id + "?reason=again", key);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(fake.indicators()).isEmpty();
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(api.read(again).path("defenderCode").asString()).isEqualTo("ResourceNotFound");
        assertThat(jdbc.queryForObject(
                        "select details->>'reason' from audit_log where action = 'defender.indicators.delete'"
                                + " and target = ? and outcome = 'SUCCESS'",
                        String.class,
                        "indicator:" + id))
                .isEqualTo("false positive");
    }

    @Test
    void removesByValueEveryTypeHoldingItAndAnUnknownValueIsNotFound() throws Exception {
        String key = keys.key(Role.ENGINEER);
        api.post("/indicators", indicator(SHA1, "FileSha1", "Block"), key);
        api.post("/indicators", indicator(SHA1, "CertificateThumbprint", "Block"), key);
        api.post("/indicators", indicator("evil.contoso.com", "DomainName", "Block"), key);

        HttpResponse<String> deleted = api.delete("/indicators?value=" + SHA1 + "&reason=cleared", key);
        HttpResponse<String> unknown = api.delete("/indicators?value=nothing.contoso.com&reason=x", key);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(api.read(deleted).path("deleted")).hasSize(2);
        assertThat(fake.indicators()).hasSize(1);
        assertThat(fake.indicators().get(0).path("indicatorValue").asString()).isEqualTo("evil.contoso.com");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.read(unknown).path("type").asString())
                .isEqualTo("urn:vigil:problem:defender-indicator-not-found");
        assertThat(jdbc.queryForObject(
                        "select details->>'error' from audit_log where target = 'indicator:nothing.contoso.com'",
                        String.class))
                .isEqualTo("not found");
    }

    @Test
    void defendersOwn400PassesThroughWithItsMessage() throws Exception {
        fake.answerError(400, "InvalidRequestBody", "Indicator limit of 15000 reached");

        HttpResponse<String> response =
                api.post("/indicators", indicator(SHA1, "FileSha1", "Block"), keys.key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = api.read(response);
        assertThat(problem.path("type").asString()).isEqualTo("urn:vigil:problem:defender-error");
        assertThat(problem.path("defenderCode").asString()).isEqualTo("InvalidRequestBody");
        assertThat(problem.path("defenderMessage").asString()).contains("15000");
        assertThat(problem.path("requestId").asString())
                .isEqualTo(fake.requestIds().get(0));
    }

    @Test
    void anAnalystMayNotAddOrRemove() throws Exception {
        String analyst = keys.key(Role.ANALYST);

        assertThat(api.post("/indicators", indicator(SHA1, "FileSha1", "Block"), analyst)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.delete("/indicators/995?reason=x", analyst).statusCode()).isEqualTo(403);
        assertThat(fake.apiRequests()).isEmpty();
    }

    @Test
    void aBlankReasonOrAPastExpiryIsA400AndAuditedAsAFailure() throws Exception {
        String key = keys.key(Role.ENGINEER);

        HttpResponse<String> blank =
                api.post("/indicators", indicator(SHA1, "FileSha1", "Block").put("reason", " "), key);
        HttpResponse<String> past = api.post(
                "/indicators", indicator(SHA1, "FileSha1", "Block").put("expirationTime", "2020-01-01T00:00:00Z"), key);
        HttpResponse<String> noReasonDelete = api.delete("/indicators/995", key);
        HttpResponse<String> badIp = api.post("/indicators", indicator("10.0.0.0/8", "IpAddress", "Block"), key);
        HttpResponse<String> badSeverity =
                api.post("/indicators", indicator(SHA1, "FileSha1", "Block").put("severity", "Critical"), key);

        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(api.read(blank).path("field").asString()).isEqualTo("reason");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(api.read(past).path("field").asString()).isEqualTo("expirationTime");
        assertThat(noReasonDelete.statusCode()).isEqualTo(400);
        assertThat(api.read(badIp).path("field").asString()).isEqualTo("indicatorValue");
        assertThat(api.read(badSeverity).path("field").asString()).isEqualTo("severity");
        assertThat(fake.apiRequests()).isEmpty();
        String requestId = api.read(blank).path("requestId").asString();
        assertThat(jdbc.queryForMap(
                        "select outcome, details->>'error' as error from audit_log where details->>'request_id' = ?",
                        requestId))
                .containsEntry("outcome", "FAILURE")
                .hasEntrySatisfying("error", e -> assertThat(e).asString().contains("reason"));
    }

    private ObjectNode indicator(String value, String type, String action) {
        return json.createObjectNode()
                .put("indicatorValue", value)
                .put("indicatorType", type)
                .put("action", action)
                .put("title", "Test " + type)
                .put("reason", "IR-77");
    }

    private static String sha256(int n) {
        return String.format(Locale.ROOT, "%064x", n + 1);
    }
}
