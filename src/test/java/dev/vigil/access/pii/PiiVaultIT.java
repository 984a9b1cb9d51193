package dev.vigil.access.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ServerSchemas;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.CreatedApiKey;
import dev.vigil.access.PiiField;
import dev.vigil.access.PiiMappingUnreadable;
import dev.vigil.access.PiiVault;
import dev.vigil.access.Role;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Direction;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.triage.AlertPseudonymiser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The vault against a real PostgreSQL, and its endpoint over real HTTP. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            "spring.datasource.hikari.maximum-pool-size=4"
        })
@DirtiesContext
class PiiVaultIT {

    static final String KEY = Base64.getEncoder().encodeToString(PiiKeysTest.key(3));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_pii_");
        registry.add("vigil.pii.key", () -> KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    PiiVault vault;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApiKeys keys;

    @Autowired
    AlertPseudonymiser pseudonymiser;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void roundTripsThroughPostgresWithOneEncryptedRowPerValue() {
        String name = unique("Alice.");
        String token = vault.pseudonymise(PiiField.USER_NAME, name);
        assertThat(vault.pseudonymise(PiiField.USER_NAME, name.toUpperCase())).isEqualTo(token);
        // a fresh instance (another node, or after a restart) agrees and inserts nothing twice
        JdbcPiiVault other = new JdbcPiiVault(jdbc, new PiiKeys(PiiKeysTest.key(3), 1));
        assertThat(other.pseudonymise(PiiField.USER_NAME, name)).isEqualTo(token);

        assertThat(vault.detokenise(token)).contains(name.toLowerCase());
        assertThat(jdbc.queryForObject("select count(*) from pii_token where token = ?", Integer.class, token))
                .isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap("select * from pii_token where token = ?", token);
        assertThat(row.get("kind")).isEqualTo("USER_NAME");
        assertThat((byte[]) row.get("nonce")).hasSize(12);
        assertThat(new String((byte[]) row.get("ciphertext"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContainIgnoringCase(name);
        assertThat(vault.pseudonymise(PiiField.USER_NAME, token)).isEqualTo(token);
    }

    @Test
    void unknownTokensAreEmpty() {
        assertThat(vault.detokenise("USER-" + "0".repeat(PiiField.TOKEN_CHARS))).isEmpty();
        assertThat(vault.detokenise("not a token")).isEmpty();
    }

    @Test
    void aTamperedCiphertextFailsLoudly() {
        String token = vault.pseudonymise(PiiField.EMAIL, unique("bob") + "@contoso.com");
        jdbc.update(
                "update pii_token set ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1) where token = ?",
                token);
        assertThatThrownBy(() -> vault.detokenise(token))
                .isInstanceOf(PiiMappingUnreadable.class)
                .hasMessageContaining(token)
                .hasMessageContaining("row was altered");
    }

    @Test
    void aCiphertextMovedToAnotherTokenDoesNotDecrypt() {
        String victim = vault.pseudonymise(PiiField.HOST_NAME, unique("ws-victim-"));
        String decoy = vault.pseudonymise(PiiField.HOST_NAME, unique("ws-decoy-"));
        jdbc.update(
                "update pii_token set (nonce, ciphertext) = (select nonce, ciphertext from pii_token where token = ?)"
                        + " where token = ?",
                victim,
                decoy);
        assertThatThrownBy(() -> vault.detokenise(decoy)).isInstanceOf(PiiMappingUnreadable.class);
        assertThat(vault.detokenise(victim)).isPresent();
    }

    @Test
    void anotherKeyGivesOtherTokensAndCannotReadTheMapping() {
        String ip = "10.77." + (int) (Math.random() * 250) + ".9";
        String token = vault.pseudonymise(PiiField.INTERNAL_IP, ip);
        JdbcPiiVault wrongKey = new JdbcPiiVault(jdbc, new PiiKeys(PiiKeysTest.key(4), 1));
        assertThat(wrongKey.pseudonymise(PiiField.INTERNAL_IP, ip)).isNotEqualTo(token);
        assertThatThrownBy(() -> wrongKey.detokenise(token))
                .isInstanceOf(PiiMappingUnreadable.class)
                .hasMessageContaining("VIGIL_PII_KEY");
        JdbcPiiVault rotated = new JdbcPiiVault(jdbc, new PiiKeys(PiiKeysTest.key(4), 2));
        assertThatThrownBy(() -> rotated.detokenise(token))
                .isInstanceOf(PiiMappingUnreadable.class)
                .hasMessageContaining("key version 1");
        // same key, version raised by mistake: rows still read
        assertThat(new JdbcPiiVault(jdbc, new PiiKeys(PiiKeysTest.key(3), 2)).detokenise(token))
                .contains(ip);
    }

    @Test
    void aRolledBackTransactionLeavesNoTokenBelievedStored() {
        String name = unique("carol");
        String token = transactions.execute(status -> {
            String t = vault.pseudonymise(PiiField.USER_NAME, name);
            status.setRollbackOnly();
            return t;
        });
        assertThat(vault.detokenise(token)).isEmpty();
        assertThat(vault.pseudonymise(PiiField.USER_NAME, name)).isEqualTo(token);
        assertThat(vault.detokenise(token)).contains(name);
    }

    @Test
    void pseudonymisesAWholeAlertBeforeItLeavesVigil() {
        String user = unique("dave");
        Alert alert = new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                null,
                Instant.now(),
                null,
                user + " on WS-9 talked to 198.51.100.7",
                null,
                null,
                Severity.HIGH,
                null,
                Entities.builder()
                        .user(user, "CONTOSO", null, false)
                        .host("WS-9", "192.168.9.9", null)
                        .connection("192.168.9.9", 1, "198.51.100.7", 443, "tcp", Direction.OUTBOUND)
                        .build(),
                null,
                "{\"u\":\"" + user + "\",\"ip\":\"192.168.9.9\"}");
        Alert sent = pseudonymiser.pseudonymise(alert);
        String userToken = sent.entities().users().get(0).name();
        assertThat(PiiField.ofToken(userToken)).contains(PiiField.USER_NAME);
        assertThat(sent.title()).startsWith(userToken + " on HOST-").endsWith(" talked to 198.51.100.7");
        assertThat(sent.raw()).doesNotContain(user).doesNotContain("192.168.9.9");
        assertThat(vault.detokenise(userToken)).contains(user);
        assertThat(vault.detokenise(sent.entities().hosts().get(0).ip())).contains("192.168.9.9");
        // pseudonymising what is already pseudonymised changes nothing
        assertThat(pseudonymiser.pseudonymise(sent)).isEqualTo(sent);
    }

    // --- the endpoint ---

    @Test
    void analystsAreRefused() throws Exception {
        String token = vault.pseudonymise(PiiField.USER_NAME, unique("erin"));
        HttpResponse<String> response = detokenise(key(Role.ANALYST).key(), List.of(token));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("erin");
    }

    @Test
    void engineersGetValuesAndEveryTokenIsAudited() throws Exception {
        String name = unique("frank");
        String token = vault.pseudonymise(PiiField.USER_NAME, name);
        String unknown = "HOST-" + "Z".repeat(PiiField.TOKEN_CHARS);
        CreatedApiKey engineer = key(Role.ENGINEER);

        HttpResponse<String> response = detokenise(engineer.key(), List.of(token, unknown, token));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("values").path(token).asString()).isEqualTo(name);
        assertThat(body.path("unknown")).extracting(JsonNode::asString).containsExactly(unknown);

        List<Map<String, Object>> audited = jdbc.queryForList(
                "select actor, target, outcome, ip, details::text as details from audit_log"
                        + " where action = 'pii.detokenise' and target in (?, ?) order by seq",
                token,
                unknown);
        assertThat(audited).hasSize(2);
        assertThat(audited.get(0).get("target")).isEqualTo(token);
        assertThat(audited.get(0).get("outcome")).isEqualTo("SUCCESS");
        assertThat((String) audited.get(0).get("actor"))
                .contains(engineer.info().id().toString());
        assertThat(audited.get(0).get("ip")).isEqualTo("127.0.0.1");
        assertThat(audited.get(1).get("outcome")).isEqualTo("FAILURE");
        assertThat(audited.toString()).doesNotContain(name);

        assertThat(detokenise(key(Role.ADMIN).key(), List.of(token)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void badTokenListsAreProblems() throws Exception {
        String engineer = key(Role.ENGINEER).key();
        for (List<String> bad : List.of(
                List.<String>of(),
                List.of("USER-short"),
                List.of("alice"),
                IntStream.range(0, 101)
                        .mapToObj(i -> "USER-" + "0".repeat(PiiField.TOKEN_CHARS))
                        .toList())) {
            HttpResponse<String> response = detokenise(engineer, bad);
            assertThat(response.statusCode()).as(bad.toString()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        HttpResponse<String> noList = post(engineer, "{}");
        assertThat(noList.statusCode()).isEqualTo(400);
    }

    private CreatedApiKey key(Role role) {
        return keys.create("pii test " + UUID.randomUUID(), role);
    }

    private HttpResponse<String> detokenise(String key, List<String> tokens) throws Exception {
        return post(key, json.writeValueAsString(Map.of("tokens", tokens)));
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/pii/detokenise"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
