package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.respond.FakeDefender;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Defender stack (MSAL4J tokens, the resilient JSON client, devices) against {@link FakeDefender} over
 * real HTTP and HTTPS on loopback.
 */
class DefenderClientIT {

    static final String WRONG_SECRET = "wrong-defender-client-secret-93b7";
    static final String CERT_PASSWORD = "defender-cert-password-41ac";

    static FakeDefender fake;
    static List<String> ids;

    @BeforeAll
    static void start() {
        fake = new FakeDefender();
        ids = fake.addMachines(25);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void oneTokenServesManyCalls() {
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        for (int i = 0; i < 5; i++) {
            assertThat(devices.get("contoso", ids.get(i), "r" + i).id()).isEqualTo(ids.get(i));
        }

        // MSAL adds openid, profile and offline_access to every request; the resource scope is the one that counts.
        assertThat(fake.tokenRequests())
                .singleElement()
                .asString()
                .contains("https://api.securitycenter.microsoft.com/.default");
        assertThat(fake.apiRequests()).hasSize(5);
        assertThat(fake.requestIds()).containsExactly("r0", "r1", "r2", "r3", "r4");
    }

    @Test
    void aTokenCloseToExpiryIsReplacedBeforeUse() {
        // MSAL refreshes a token within five minutes of expiry: a 4-minute token is never used from the cache.
        fake.expiresIn(240);
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        devices.get("contoso", ids.get(0), "a");
        devices.get("contoso", ids.get(1), "b");
        devices.get("contoso", ids.get(2), "c");

        assertThat(fake.tokenRequests()).hasSize(3);
        assertThat(fake.apiRequests()).hasSize(3);
    }

    @Test
    void aRevokedTokenIsDroppedAndTheCallRetriedOnce() {
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));
        devices.get("contoso", ids.get(0), "a");
        fake.revokeTokens();

        Machine machine = devices.get("contoso", ids.get(1), "b");

        assertThat(machine.id()).isEqualTo(ids.get(1));
        assertThat(fake.tokenRequests()).hasSize(2);
        assertThat(fake.apiRequests()).hasSize(3);
    }

    @Test
    void aTokenThatDiesInTheMiddleOfAPagedListingIsReplacedAndTheListingCompletes() {
        DefenderDevices devices =
                new DefenderDevices(client(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3), 10));
        fake.revokeTokensAfter(1);

        List<Machine> machines = devices.list("contoso", null, 100, "m");

        assertThat(machines).extracting(Machine::id).containsExactlyElementsOf(ids);
        assertThat(fake.tokenRequests()).hasSize(2);
        // Page one, page two refused with 401, page two again with the new token, page three.
        assertThat(fake.apiRequests()).hasSize(4);
        assertThat(fake.apiRequests().get(1)).isEqualTo(fake.apiRequests().get(2));
    }

    @Test
    void aWrongSecretNamesTheTenantAndTheAadstsCodeButNotTheSecret() {
        DefenderDevices devices = devices(properties(CLIENT(WRONG_SECRET), fake.apiUrl(), 3));

        assertThatThrownBy(() -> devices.get("contoso", ids.get(0), "a"))
                .isInstanceOfSatisfying(TokenRequestFailed.class, e -> {
                    assertThat(e.tenant()).isEqualTo("contoso");
                    assertThat(e.aadsts()).isEqualTo("AADSTS7000215");
                    assertThat(e.oauthError()).isEqualTo("invalid_client");
                    assertThat(e.getMessage())
                            .contains("contoso", "AADSTS7000215")
                            .doesNotContain(WRONG_SECRET);
                });
        assertThat(fake.apiRequests()).isEmpty();
    }

    @Test
    void listsAcrossPagesWithTopAndSkipUntilAShortPage() {
        // Defender gives no reliable nextLink when $top is given (external-apis §2.1): Vigil pages itself.
        DefenderDevices devices =
                new DefenderDevices(client(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3), 10));

        List<Machine> machines = devices.list("contoso", null, 100, "p");

        assertThat(machines).extracting(Machine::id).containsExactlyElementsOf(ids);
        assertThat(fake.apiRequests()).hasSize(3);
        assertThat(fake.apiRequests().get(0)).contains("$top=10&$skip=0");
        assertThat(fake.apiRequests().get(1)).contains("$top=10&$skip=10");
        assertThat(fake.apiRequests().get(2)).contains("$top=10&$skip=20");
        Machine first = machines.get(0);
        assertThat(first.computerDnsName()).isEqualTo("ws-001.contoso.com");
        assertThat(first.aadJoined()).isTrue();
        assertThat(first.rbacGroupId()).isEqualTo(140L);
        assertThat(first.ipAddresses()).extracting(Machine.IpAddress::ipAddress).containsExactly("10.1.0.1");
        assertThat(first.lastSeen()).isNotNull();
    }

    @Test
    void topStopsTheListing() {
        DefenderDevices devices =
                new DefenderDevices(client(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3), 10));

        assertThat(devices.list("contoso", null, 12, "p")).hasSize(12);
        assertThat(fake.apiRequests()).hasSize(2);
        assertThat(fake.apiRequests().get(1)).contains("$top=2&$skip=10");
    }

    @Test
    void aFilterTravelsWithEveryPage() {
        DefenderDevices devices =
                new DefenderDevices(client(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3), 5));

        List<Machine> active = devices.list("contoso", "healthStatus eq 'Active'", 100, "f");

        assertThat(active).hasSize(13).allMatch(m -> "Active".equals(m.healthStatus()));
        assertThat(fake.apiRequests()).hasSize(3).allMatch(r -> r.contains("$filter="));
    }

    @Test
    void findsByNamePrefixAndByIpAndAnswersEmptyWhenNothingMatches() {
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        assertThat(devices.findByNamePrefix("contoso", "WS-01", 100, "n"))
                .extracting(Machine::computerDnsName)
                .hasSize(10)
                .allMatch(name -> name.startsWith("ws-01"));
        assertThat(devices.findByIp("contoso", "10.1.0.7", 100, "i"))
                .extracting(Machine::id)
                .containsExactly(ids.get(6));
        assertThat(devices.findByNamePrefix("contoso", "o'brien", 100, "x")).isEmpty();
        assertThatThrownBy(() -> devices.findByIp("contoso", "10.1.0.7' or 1 eq 1", 100, "i"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsWhoLoggedOn() {
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        List<LogonUser> users = devices.logonUsers("contoso", ids.get(2), "u");

        assertThat(users).singleElement().satisfies(user -> {
            assertThat(user.accountName()).isEqualTo("user3");
            assertThat(user.accountDomain()).isEqualTo("contoso");
            assertThat(user.domainAdmin()).isFalse();
        });
    }

    @Test
    void aThrottlingStormIsWaitedOutAsRetryAfterSays() {
        fake.answerThrottled(2, 1);
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        long started = System.nanoTime();
        Machine machine = devices.get("contoso", ids.get(0), "t");

        assertThat(machine.id()).isEqualTo(ids.get(0));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        assertThat(fake.apiRequests()).hasSize(3);
    }

    @Test
    void aRetryAfterLongerThanMaxWaitFailsAtOnce() {
        fake.answerThrottled(1, 3600);
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        assertThatThrownBy(() -> devices.get("contoso", ids.get(0), "t"))
                .isInstanceOf(DefenderUnavailable.class)
                .hasMessageContaining("3600");
        assertThat(fake.apiRequests()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedUntilOneSucceeds() {
        fake.answerUnavailable(2);
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        assertThat(devices.get("contoso", ids.get(0), "s").id()).isEqualTo(ids.get(0));
        assertThat(fake.apiRequests()).hasSize(3);
    }

    @Test
    void serverErrorsBeyondTheBoundFail() {
        fake.answerUnavailable(10);
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 2));

        assertThatThrownBy(() -> devices.get("contoso", ids.get(0), "s"))
                .isInstanceOf(DefenderUnavailable.class)
                .hasMessageContaining("503");
        assertThat(fake.apiRequests()).hasSize(3);
    }

    @Test
    void networkErrorsAreRetriedThenFail() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), closed, 2));

        assertThatThrownBy(() -> devices.get("contoso", ids.get(0), "s"))
                .isInstanceOf(DefenderUnavailable.class)
                .hasMessageContaining("3 attempts");
    }

    @Test
    void aWriteThatMustNotRunTwiceIsNotRepeatedAfterA5xxButIsAfterA429() {
        DefenderHttp graph = client(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3), 10);
        DefenderHttp.Call comment = new DefenderHttp.Call(
                        "contoso",
                        DefenderApi.GRAPH,
                        DefenderQuota.GRAPH_SECURITY,
                        "POST",
                        "v1.0/security/incidents/7/comments",
                        null,
                        "c")
                .once();

        fake.answerUnavailable(1);
        assertThatThrownBy(() -> graph.send(comment))
                .isInstanceOf(DefenderUnavailable.class)
                .hasMessageContaining("may or may not have been carried out");
        assertThat(fake.apiRequests()).hasSize(1);

        // A 429 means Defender did nothing: waited out and sent again (the fake then answers 404 for the path).
        fake.answerThrottled(1, 1);
        assertThatThrownBy(() -> graph.send(comment)).isInstanceOf(DefenderApiError.class);
        assertThat(fake.apiRequests()).hasSize(3);
    }

    @Test
    void aClientErrorFailsAtOnceWithDefendersMessage() {
        fake.answerError(400, "ODataError", "Invalid filter clause: Could not find a property named 'nme'");
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        assertThatThrownBy(() -> devices.list("contoso", "nme eq 'x'", 10, "e"))
                .isInstanceOfSatisfying(DefenderApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("ODataError");
                    assertThat(e.defenderMessage()).contains("Could not find a property named 'nme'");
                    assertThat(e.correlationId()).isNotBlank();
                });
        assertThat(fake.apiRequests()).hasSize(1);
    }

    @Test
    void anUnknownMachineIsDefendersNotFound() {
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        assertThatThrownBy(() -> devices.get("contoso", "0000000000000000000000000000000000000000", "g"))
                .isInstanceOfSatisfying(DefenderApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("ResourceNotFound");
                });
    }

    @Test
    void malformedJsonIsAClearError() {
        fake.answerMalformed();
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        assertThatThrownBy(() -> devices.list("contoso", null, 10, "m"))
                .isInstanceOf(MalformedDefenderResponse.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void machineIdsThatAreNotIdsNeverReachTheUrl() {
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        assertThatThrownBy(() -> devices.get("contoso", "../indicators", "g"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.apiRequests()).isEmpty();
    }

    @Test
    void aGraphNextLinkToAnotherHostIsRefusedAndNeverCalled() {
        fake.answerBody(
                200,
                "{\"value\": [], \"@odata.nextLink\": \"https://attacker.example/v1.0/security/incidents?$skiptoken=1\"}");
        DefenderHttp graph = client(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3), 10);

        assertThatThrownBy(() -> graph.collect(
                        new DefenderHttp.Call(
                                "contoso",
                                DefenderApi.GRAPH,
                                DefenderQuota.GRAPH_SECURITY,
                                "GET",
                                "v1.0/security/incidents",
                                null,
                                "x"),
                        100))
                .isInstanceOf(MalformedDefenderResponse.class)
                .hasMessageContaining("another host");
        assertThat(fake.apiRequests()).hasSize(1);
    }

    @Test
    void aCollectionWithoutValueIsMalformed() {
        fake.answerBody(200, "{\"error\": null}");
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 3));

        assertThatThrownBy(() -> devices.list("contoso", null, 100, "x")).isInstanceOf(MalformedDefenderResponse.class);
    }

    @Test
    void aPkcs12CertificateSignsTheTokenRequestInsteadOfASecret(@TempDir Path dir) throws Exception {
        Path p12 = Certificates.pkcs12(dir, CERT_PASSWORD);
        int before = fake.assertionsAccepted();
        var tenant = new DefenderProperties.Tenant(
                FakeDefender.TENANT_ID, FakeDefender.CLIENT_ID, "", p12.toString(), CERT_PASSWORD);

        assertThat(devices(properties(tenant, fake.apiUrl(), 3))
                        .get("contoso", ids.get(0), "c")
                        .id())
                .isEqualTo(ids.get(0));
        assertThat(fake.assertionsAccepted()).isEqualTo(before + 1);
    }

    @Test
    void aPemKeyAndCertificateSignTheTokenRequest(@TempDir Path dir) throws Exception {
        Path pem = Certificates.pem(dir, Certificates.pkcs12(dir, CERT_PASSWORD), CERT_PASSWORD);
        int before = fake.assertionsAccepted();
        var tenant =
                new DefenderProperties.Tenant(FakeDefender.TENANT_ID, FakeDefender.CLIENT_ID, "", pem.toString(), "");

        assertThat(devices(properties(tenant, fake.apiUrl(), 3))
                        .get("contoso", ids.get(0), "c")
                        .id())
                .isEqualTo(ids.get(0));
        assertThat(fake.assertionsAccepted()).isEqualTo(before + 1);
    }

    @Test
    void aCertificateWithTheWrongPasswordIsRefusedNamingItsKey(@TempDir Path dir) throws Exception {
        Path p12 = Certificates.pkcs12(dir, CERT_PASSWORD);
        var tenant = new DefenderProperties.Tenant(
                FakeDefender.TENANT_ID, FakeDefender.CLIENT_ID, "", p12.toString(), "not-the-password");

        assertThatThrownBy(() -> devices(properties(tenant, fake.apiUrl(), 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigil.defender.tenants.contoso.certificate")
                .hasMessageNotContaining(CERT_PASSWORD);
    }

    @Test
    void noBearerTokenReachesTheLog() throws Exception {
        DefenderDevices devices = devices(properties(CLIENT(FakeDefender.CLIENT_SECRET), fake.apiUrl(), 2));
        devices.get("contoso", ids.get(0), "l");
        fake.revokeTokens().answerUnavailable(1);
        devices.get("contoso", ids.get(0), "l");
        fake.answerUnavailable(5);
        assertThatThrownBy(() -> devices.get("contoso", ids.get(0), "l")).isInstanceOf(DefenderUnavailable.class);

        // Tokens are minted per run, so the build's secret scan cannot know them: look for their shape.
        try (var logs = java.nio.file.Files.list(Path.of("target/test-logs"))) {
            for (Path log : logs.toList()) {
                assertThat(java.nio.file.Files.readString(log)).doesNotContain("fake-at-mde-");
            }
        }
    }

    static DefenderProperties.Tenant CLIENT(String secret) {
        return new DefenderProperties.Tenant(FakeDefender.TENANT_ID, FakeDefender.CLIENT_ID, secret, "", "");
    }

    static DefenderProperties properties(DefenderProperties.Tenant tenant, URI apiUrl, int maxRetries) {
        return new DefenderProperties(
                apiUrl,
                fake.graphUrl(),
                fake.loginUrl(),
                Duration.ofSeconds(5),
                maxRetries,
                Duration.ofMillis(20),
                Duration.ofSeconds(10),
                fake.trustStore().toString(),
                fake.trustStorePassword(),
                Map.of("contoso", tenant));
    }

    static DefenderDevices devices(DefenderProperties properties) {
        return new DefenderDevices(client(properties, DefenderHttp.MAX_PAGE_SIZE));
    }

    static DefenderHttp client(DefenderProperties properties, int pageSize) {
        var http = DefenderConfiguration.httpClient(properties);
        var tokens = new EntraTokens(properties, new JdkMsalHttp(http, properties.timeout()));
        return new DefenderHttp(properties, tokens, http, pageSize, new DefenderHealth(java.time.Clock.systemUTC()));
    }
}
