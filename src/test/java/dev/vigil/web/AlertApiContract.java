package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert API as a client sees it, over real HTTP against a real PostgreSQL. Subclasses choose the
 * database: the embedded one, or the server on 127.0.0.1:5432.
 */
abstract class AlertApiContract {

    private static final String MDE_ALERT = """
            {"id":"da638000000000000099_1","severity":"High","status":"New","category":"CredentialAccess",\
            "title":"Suspicious LSASS access","alertCreationTime":"2026-11-21T08:00:00Z","machineId":"7e4f5061",\
            "computerDnsName":"srv-db-01","relatedUser":{"userName":"alice","domainName":"CONTOSO"}}""";

    /** A rule directory of the tests' own, loaded beside the built-in rules. */
    static final String TEST_RULES = "vigil.detection.rule-dirs=src/test/resources/detection";

    private static final String SYSMON_MINIDUMP = """
            {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"WORKSTATION5",\
            "UtcTime":"2026-11-21 07:50:06.191","Image":"C:\\\\Windows\\\\System32\\\\rundll32.exe",\
            "CommandLine":"rundll32.exe C:\\\\windows\\\\System32\\\\comsvcs.dll, MiniDump 756 C:\\\\Temp\\\\l.dmp full",\
            "User":"WORKSTATION5\\\\wardog","ProcessId":"4824"}
            {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"WORKSTATION5",\
            "UtcTime":"2026-11-21 07:50:07.000","Image":"C:\\\\Windows\\\\System32\\\\rundll32.exe",\
            "CommandLine":"rundll32.exe shell32.dll,Control_RunDLL","User":"WORKSTATION5\\\\wardog","ProcessId":"4825"}
            """;

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String key;

    @BeforeEach
    void createKey() {
        key = keys.create("api test " + UUID.randomUUID(), Role.ANALYST).key();
    }

    @Test
    void acceptsOneObjectAndShowsItTriaged() throws Exception {
        HttpResponse<String> response = post("/api/v1/alerts", "application/json", MDE_ALERT);
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        String id = body.path("ids").get(0).asString();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode alert = json.readTree(get("/api/v1/alerts/" + id).body());
            assertThat(alert.path("status").asString()).isEqualTo("TRIAGED");
        });
        JsonNode alert = json.readTree(get("/api/v1/alerts/" + id).body());
        assertThat(alert.path("title").asString()).isEqualTo("Suspicious LSASS access");
        assertThat(alert.path("source").asString()).isEqualTo("defender");
        assertThat(alert.path("severity").asString()).isEqualTo("HIGH");
        // HIGH base 70, no technique, the keyword "lsass" ×1.25.
        assertThat(alert.path("riskScore").asInt()).isEqualTo(88);
        assertThat(alert.path("riskClass").asString()).isEqualTo("MEDIUM");
        assertThat(alert.path("scoreFactors"))
                .extracting(JsonNode::asString)
                .containsExactly(
                        "severity HIGH: base 70",
                        "damage 0: no ATT&CK technique identified",
                        "high-risk keyword 'lsass' ×1.25");
        assertThat(alert.path("raw").asString()).isEqualTo(MDE_ALERT);
        assertThat(alert.path("entities")
                        .path("hosts")
                        .get(0)
                        .path("defenderDeviceId")
                        .asString())
                .isEqualTo("7e4f5061");
        assertThat(jdbc.queryForObject("select triage_runs from alert where id = ?::uuid", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void acceptsArraysAndNdjsonAndReportsBadRecordsWithoutLosingGoodOnes() throws Exception {
        String array = "[" + MDE_ALERT + "," + MDE_ALERT.replace("_1\"", "_2\"") + "]";
        assertThat(json.readTree(post("/api/v1/alerts", "application/json", array)
                                .body())
                        .path("accepted")
                        .asInt())
                .isEqualTo(2);

        String ndjson = MDE_ALERT + "\n{\"id\":\"broken\", \"title\":\n" + MDE_ALERT.replace("_1\"", "_3\"") + "\n";
        HttpResponse<String> response = post("/api/v1/alerts?format=defender", "application/x-ndjson", ndjson);
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(2);
        assertThat(body.path("ids")).hasSize(2);
        assertThat(body.path("rejected")).hasSize(1);
        assertThat(body.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(body.path("rejected").get(0).path("error").asString()).startsWith("malformed JSON");
    }

    @Test
    void refusesBadInputWithProblemDocumentsAndStoresNothing() throws Exception {
        long before = count();
        assertProblem(post("/api/v1/alerts", "application/json", "{\"id\": 1, \"title\": "), 400);
        assertProblem(post("/api/v1/alerts", "application/json", ""), 400);
        assertProblem(post("/api/v1/alerts", "application/json", "   \n "), 400);
        assertProblem(post("/api/v1/alerts", "application/json", "{\"what\": \"is this\"}"), 400);
        assertProblem(post("/api/v1/alerts?format=carrier-pigeon", "application/json", MDE_ALERT), 400);
        assertProblem(post("/api/v1/alerts?format=defender", "application/json", "[1, \"two\", null]"), 400);
        assertProblem(
                post("/api/v1/alerts?format=defender", "application/json", "{\"title\": {\"nested\": true}}"), 400);
        assertProblem(post("/api/v1/alerts", "image/png", MDE_ALERT), 415);
        assertProblem(
                post("/api/v1/alerts?format=defender", "application/json", "[".repeat(100) + "]".repeat(100)), 400);
        assertProblem(
                postBytes(
                        "/api/v1/alerts?format=defender",
                        new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}),
                400);
        assertProblem(post("/api/v1/alerts?tenant=no%20spaces", "application/json", MDE_ALERT), 400);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void refusesBodiesOverTheSizeLimit() throws Exception {
        StringBuilder big = new StringBuilder();
        while (big.length() <= 10 * 1024 * 1024) {
            big.append(MDE_ALERT).append('\n');
        }
        long before = count();
        assertProblem(post("/api/v1/alerts", "application/x-ndjson", big.toString()), 413);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void needsAValidKeyForEverythingButHealth() throws Exception {
        HttpRequest anonymous =
                HttpRequest.newBuilder(uri("/api/v1/alerts")).GET().build();
        assertProblem(http.send(anonymous, HttpResponse.BodyHandlers.ofString()), 401);
        HttpRequest wrongKey = HttpRequest.newBuilder(uri("/api/v1/queues"))
                .header("Authorization", "Bearer vgl_" + "x".repeat(43))
                .build();
        assertProblem(http.send(wrongKey, HttpResponse.BodyHandlers.ofString()), 401);
        HttpRequest prometheus =
                HttpRequest.newBuilder(uri("/actuator/prometheus")).build();
        assertThat(http.send(prometheus, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
        HttpRequest health = HttpRequest.newBuilder(uri("/actuator/health")).build();
        assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body())
                .contains("\"UP\"");
        assertThat(get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void revokedKeysStopWorking() throws Exception {
        var created = keys.create("to revoke", Role.ANALYST);
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/queues"))
                .header("Authorization", "Bearer " + created.key())
                .build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        keys.revoke(created.info().id());
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void listsNewestFirstWithFiltersAndCursorPaging() throws Exception {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String severity = i % 2 == 0 ? "High" : "Low";
            String alert = MDE_ALERT
                    .replace("_1\"", "_p" + i + "\"")
                    .replace("\"High\"", "\"" + severity + "\"")
                    .replace("Suspicious LSASS access", "paging " + tenant + " " + i);
            posted.add(json.readTree(post("/api/v1/alerts?tenant=" + tenant, "application/json", alert)
                            .body())
                    .path("ids")
                    .get(0)
                    .asString());
        }
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            String page = get("/api/v1/alerts?q=" + tenant + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .body();
            JsonNode body = json.readTree(page);
            body.path("items").forEach(item -> {
                assertThat(seen.add(item.path("id").asString())).isTrue();
                order.add(item.path("id").asString());
                assertThat(item.path("tenant").asString()).isEqualTo(tenant);
                assertThat(item.has("raw")).isFalse();
            });
            cursor = body.path("nextCursor").isNull() || body.path("nextCursor").isMissingNode()
                    ? null
                    : body.path("nextCursor").asString();
        } while (cursor != null);
        java.util.Collections.reverse(posted);
        assertThat(order).containsExactlyElementsOf(posted);

        JsonNode high = json.readTree(
                get("/api/v1/alerts?q=" + tenant + "&severity=high").body());
        assertThat(high.path("items")).hasSize(3);
        JsonNode none =
                json.readTree(get("/api/v1/alerts?q=" + tenant + "&source=zeek").body());
        assertThat(none.path("items")).isEmpty();
        assertProblem(get("/api/v1/alerts?severity=catastrophic"), 400);
        assertProblem(get("/api/v1/alerts?since=yesterday"), 400);
        assertProblem(get("/api/v1/alerts?limit=100000"), 400);
        assertProblem(get("/api/v1/alerts/not-an-id"), 400);
        assertProblem(get("/api/v1/alerts/" + UUID.randomUUID()), 400);
        assertProblem(get("/api/v1/alerts/0190f5e0-0000-7000-8000-000000000000"), 404);
    }

    @Test
    void showsTechniquesWithTheirDamageAndFindsAlertsByTechnique() throws Exception {
        String tagged = MDE_ALERT
                .replace("_1\"", "_t1\"")
                .replace("\"title\":", "\"mitreTechniques\":[\"T1003.001\"],\"title\":");
        String id = json.readTree(
                        post("/api/v1/alerts", "application/json", tagged).body())
                .path("ids")
                .get(0)
                .asString();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                json.readTree(get("/api/v1/alerts/" + id).body())
                                        .path("status")
                                        .asString())
                        .isEqualTo("TRIAGED"));
        JsonNode alert = json.readTree(get("/api/v1/alerts/" + id).body());
        JsonNode technique = alert.path("techniques").get(0);
        assertThat(technique.path("id").asString()).isEqualTo("T1003.001");
        assertThat(technique.path("name").asString()).isEqualTo("LSASS Memory");
        assertThat(technique.path("source").asString()).isEqualTo("native");
        assertThat(alert.path("damageScore").asInt()).isGreaterThanOrEqualTo(70);
        assertThat(alert.path("queue").asString())
                .as("high damage goes to the priority queue")
                .isEqualTo("priority");

        assertThat(json.readTree(get("/api/v1/alerts?technique=T1003").body()).path("items"))
                .extracting(item -> item.path("id").asString())
                .contains(id);
        assertThat(json.readTree(get("/api/v1/alerts?technique=t1003.001").body())
                        .path("items"))
                .extracting(item -> item.path("id").asString())
                .contains(id);
        assertThat(json.readTree(get("/api/v1/alerts?technique=T1059").body()).path("items"))
                .extracting(item -> item.path("id").asString())
                .doesNotContain(id);
        assertProblem(get("/api/v1/alerts?technique=%22%7D%5D"), 400);
    }

    @Test
    void anEventMatchingASigmaRuleRaisesATriagedAlertWithTheRuleAndItsReason() throws Exception {
        JsonNode accepted = json.readTree(post("/api/v1/alerts?format=sysmon", "application/x-ndjson", SYSMON_MINIDUMP)
                .body());
        assertThat(accepted.path("accepted").asInt()).isEqualTo(2);
        String matching = accepted.path("ids").get(0).asString();
        String benign = accepted.path("ids").get(1).asString();

        // one alert per event, titled after its most severe rule (a built-in one may outrank the test rule)
        JsonNode raised = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            for (JsonNode item : json.readTree(get("/api/v1/alerts?kind=ALERT&q=" + matching)
                                            .body())
                                    .path("items")) {
                                if (item.path("status").asString().equals("TRIAGED")) {
                                    return json.readTree(get("/api/v1/alerts/"
                                                    + item.path("id").asString())
                                            .body());
                                }
                            }
                            return null;
                        },
                        java.util.Objects::nonNull);

        assertThat(raised.path("kind").asString()).isEqualTo("ALERT");
        assertThat(raised.path("source").asString()).isEqualTo("sysmon");
        assertThat(raised.path("nativeId").asString()).startsWith("sigma:");
        assertThat(raised.path("severity").asString()).isIn("HIGH", "CRITICAL");
        assertThat(raised.path("description").asString())
                .contains("Raised by Sigma on event " + matching)
                .contains("Test Rule - Rundll32 MiniDump Through Comsvcs [high, 2f0a8e0e-9d1c-4c39-8f5e-7d3a7c1b9e42]")
                .contains("CommandLine contains|all [comsvcs, minidump]");
        assertThat(raised.path("techniques")).anySatisfy(t -> {
            assertThat(t.path("id").asString()).isEqualTo("T1003.001");
            assertThat(t.path("source").asString()).isEqualTo("sigma");
        });
        assertThat(raised.path("queue").asString()).isEqualTo("priority");
        assertThat(jdbc.queryForObject(
                        "select count(*) from alert where native_id like 'sigma:%' and description like ?",
                        Integer.class, "%" + benign + "%"))
                .as("the benign event raised nothing")
                .isZero();
    }

    @Test
    void showsQueuesAndLiveWorkersInStatus() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = json.readTree(get("/api/v1/status").body());
            assertThat(status.path("database").path("up").asBoolean()).isTrue();
            assertThat(status.path("workers")).isNotEmpty();
            assertThat(status.path("workers").get(0).path("alive").asBoolean()).isTrue();
        });
        JsonNode queues = json.readTree(get("/api/v1/queues").body());
        assertThat(queues).extracting(q -> q.path("queue").asString()).containsExactly("priority", "standard");
        post("/api/v1/alerts", "application/json", MDE_ALERT);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode now = json.readTree(get("/api/v1/queues").body());
            assertThat(now.get(0).path("processed").asLong()).isPositive();
            assertThat(now.get(0).path("depth").asLong()).isZero();
        });
    }

    @Test
    void neverAnswersWithAServerErrorToMutatedInput() throws Exception {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        List<String> seeds = List.of(
                MDE_ALERT,
                "[" + MDE_ALERT + "]",
                "{\"timestamp\":\"2018-03-24T03:10:58.735262+0000\",\"flow_id\":1,\"event_type\":\"alert\","
                        + "\"src_ip\":\"10.0.0.5\",\"src_port\":1,\"dest_ip\":\"10.0.0.9\",\"dest_port\":2,\"proto\":\"TCP\","
                        + "\"alert\":{\"signature\":\"x\",\"category\":\"y\",\"severity\":2}}",
                "#separator \\x09\n#path\tnotice\n#fields\tts\tuid\tnote\tmsg\n1.5\tC1\tScan::Port_Scan\tscan\n",
                "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><EventID>1</EventID>"
                        + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>ws1</Computer></System>"
                        + "<EventData><Data Name=\"Image\">C:\\x.exe</Data></EventData></Event>",
                "{\"sid\":\"s1\",\"search_name\":\"n\",\"result\":{\"host\":\"h\"},\"results_link\":\"http://x\"}");
        List<String> formats = List.of("auto", "defender", "graph", "suricata", "zeek", "sysmon", "splunk");
        for (int i = 0; i < 150; i++) {
            byte[] body = mutate(seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8), random);
            String format = formats.get(random.nextInt(formats.size()));
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/alerts?format=" + format))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            assertThat(response.statusCode())
                    .as("seed %d, try %d, format %s: %s", seed, i, format, response.body())
                    .isIn(202, 400);
        }
    }

    /** Characters that mean something in one of the formats: the mutations most likely to confuse a parser. */
    private static final String SYNTAX = "{}[]\",:<>\n\t#\\";

    private static byte[] mutate(byte[] input, java.util.Random random) {
        byte[] out = input.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, at);
                case 2 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) SYNTAX.charAt(random.nextInt(SYNTAX.length()));
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                default ->
                    out = (new String(out, StandardCharsets.ISO_8859_1) + "\n"
                                    + new String(out, StandardCharsets.ISO_8859_1))
                            .getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        return out;
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from alert", Long.class);
    }

    private void assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> postBytes(String path, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(
                request.header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
