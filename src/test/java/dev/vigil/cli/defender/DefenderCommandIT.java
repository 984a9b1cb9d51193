package dev.vigil.cli.defender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil defender …} against a WireMock stand-in for a running Vigil: for each sub-command the method, path,
 * query, body and API key it sends, what it prints, and its exit code; problems, refusals and an unreachable
 * Vigil; and the key never printed.
 */
class DefenderCommandIT {

    static final String KEY = "vgl_cli-test-key-5d8e2a7f";
    static final String BASE = "/api/v1/defender/contoso";
    static final String MACHINE = "1e5c1e2b0f3a4c5d6e7f8091a2b3c4d5e6f70819";
    static final String ACTION = "5f2c8f6e-3a1b-4c2d-9e8f-7a6b5c4d3e2f";

    static final WireMockServer vigil = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        vigil.start();
    }

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        vigil.stop();
    }

    @BeforeEach
    void reset() {
        vigil.resetAll();
    }

    private Cli cli;

    /** Runs {@code vigil defender ARGS --url … --tenant contoso} with the key in VIGIL_API_KEY. */
    private int defender(String... args) {
        return defender(Map.of("VIGIL_API_KEY", KEY), args);
    }

    /** The same in an environment of the test's choosing (no key, say). */
    private int defender(Map<String, String> environment, String... args) {
        cli = new Cli(environment);
        String[] all = new String[args.length + 5];
        all[0] = "defender";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--url";
        all[args.length + 2] = "http://127.0.0.1:" + vigil.port();
        all[args.length + 3] = "--tenant";
        all[args.length + 4] = "contoso";
        return cli.run(all);
    }

    private static String started(String type, String scope, boolean existing) {
        return """
                {"action":{"id":"%s","type":"%s","scope":%s,"requestor":"key:cli","requestorComment":"SOC-1",
                 "status":"Pending","machineId":"%s","creationDateTimeUtc":"2026-11-26T05:00:00Z"},"existing":%s}""".formatted(ACTION, type, scope == null ? "null" : "\"" + scope + "\"", MACHINE, existing);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(
            int status, String title, String detail) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("""
                        {"type":"urn:vigil:problem:defender-error","title":"%s","status":%d,"detail":"%s",
                         "requestId":"9b1d2c3e-0000-4000-8000-000000000001"}""".formatted(title, status, detail));
    }

    /** Every request carried the key as a bearer token, and neither stream shows it. */
    private void keySentNeverShown() {
        List<LoggedRequest> requests = vigil.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).isNotEmpty();
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + KEY));
        assertThat(cli.out() + cli.err()).doesNotContain(KEY);
    }

    @Test
    void listsMachinesAsATableWithTheKeyAsBearerToken() {
        vigil.stubFor(get(urlPathEqualTo(BASE + "/machines")).willReturn(okJson("""
                        [{"id":"%s","computerDnsName":"ws-17.contoso.local","osPlatform":"Windows11",
                          "healthStatus":"Active","riskScore":"High","lastIpAddress":"10.0.0.17",
                          "lastSeen":"2026-11-26T04:00:00Z"}]""".formatted(MACHINE))));

        int exit = defender("machines", "list", "--name", "ws-", "--top", "5");

        assertThat(exit).isZero();
        vigil.verify(getRequestedFor(urlEqualTo(BASE + "/machines?name=ws-&top=5")));
        assertThat(cli.out().lines().toList())
                .hasSize(2)
                .first()
                .asString()
                .startsWith("ID")
                .contains("NAME", "OS", "HEALTH", "RISK", "LAST IP", "LAST SEEN");
        assertThat(cli.out()).contains(MACHINE, "ws-17.contoso.local", "Windows11", "High", "10.0.0.17");
        assertThat(cli.err()).isEmpty();
        keySentNeverShown();
    }

    @Test
    void printsVigilsJsonAsIsWithJson() {
        vigil.stubFor(get(urlPathEqualTo(BASE + "/machines/" + MACHINE))
                .willReturn(okJson("{\"id\":\"" + MACHINE + "\",\"computerDnsName\":\"ws-17\",\"futureField\":1}")));

        assertThat(defender("machines", "get", MACHINE, "--json")).isZero();

        assertThat(cli.out()).contains("\"futureField\" : 1", "\"computerDnsName\" : \"ws-17\"");
    }

    @Test
    void showsOneMachineAsNameValueLinesAndItsLogonUsers() {
        vigil.stubFor(get(urlPathEqualTo(BASE + "/machines/" + MACHINE))
                .willReturn(okJson("{\"id\":\"" + MACHINE + "\",\"computerDnsName\":\"ws-17\",\"rbacGroupId\":null,"
                        + "\"machineTags\":[\"vip\",\"finance\"]}")));
        vigil.stubFor(get(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/logonusers"))
                .willReturn(okJson(
                        "[{\"accountName\":\"dana\",\"accountDomain\":\"CONTOSO\",\"logonTypes\":\"Interactive\","
                                + "\"isDomainAdmin\":true}]")));

        assertThat(defender("machines", "get", MACHINE)).isZero();
        assertThat(cli.out())
                .contains("computerDnsName: ws-17", "machineTags:     vip, finance")
                .doesNotContain("rbacGroupId");

        assertThat(defender("machines", "users", MACHINE)).isZero();
        assertThat(cli.out()).contains("CONTOSO\\dana", "Interactive", "true");
    }

    @Test
    void isolateSendsTypeAndCommentAndPrintsTheStartedAction() {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/isolate"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(started("Isolate", "Selective", false))));

        int exit = defender("isolate", MACHINE, "--type", "selective", "--comment", "Ransomware; SOC-1");

        assertThat(exit).isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/machines/" + MACHINE + "/isolate"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"type\":\"Selective\",\"comment\":\"Ransomware; SOC-1\"}")));
        assertThat(cli.out().strip()).isEqualTo("Isolate (Selective) " + ACTION + " on " + MACHINE + ": Pending");
        keySentNeverShown();
    }

    @Test
    void saysWhenTheSameActionAlreadyRuns() {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/scan"))
                .willReturn(okJson(started("RunAntiVirusScan", "Quick", true))));

        assertThat(defender("scan", MACHINE, "--comment", "check")).isZero();

        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/machines/" + MACHINE + "/scan"))
                .withRequestBody(equalToJson("{\"type\":\"Quick\",\"comment\":\"check\"}")));
        assertThat(cli.out()).contains("RunAntiVirusScan (Quick) " + ACTION, "already running");
    }

    @Test
    void eachDeviceActionPostsItsPathWithTheComment() {
        vigil.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(started("Action", null, false))));

        for (String action : List.of("unisolate", "restrict", "unrestrict", "collect", "offboard")) {
            assertThat(defender(action, MACHINE, "--comment", "why " + action)).isZero();
            vigil.verify(postRequestedFor(urlEqualTo(BASE + "/machines/" + MACHINE + "/" + action))
                    .withRequestBody(equalToJson("{\"comment\":\"why " + action + "\"}")));
        }
        assertThat(vigil.findAll(anyRequestedFor(anyUrl()))).hasSize(5);
    }

    static final String APPROVAL = "0b7e6c1a-4d2f-4e8a-9c3b-2a1f0e9d8c7b";

    /** An approval as Vigil answers it, at the top level (Approval.java). */
    private static String approval(String status, String result) {
        return """
                {"id":"%s","tenant":"contoso","operation":"offboard","target":"machine:%s",
                 "request":{"machineId":"%s","comment":"decommissioned"},
                 "preview":{"operation":"offboard","devices":[{"machineId":"%s","computerDnsName":"ws-17"}]},
                 "reason":"decommissioned","requestedBy":"user:dana","requestedAt":"2026-11-26T05:00:00Z",
                 "expiresAt":"2026-11-27T05:00:00Z","status":"%s","decidedBy":%s,"decidedAt":null,
                 "decisionComment":null,"result":%s,"error":null}""".formatted(
                        APPROVAL,
                        MACHINE,
                        MACHINE,
                        MACHINE,
                        status,
                        status.equals("pending") ? "null" : "\"user:erin\"",
                        result);
    }

    @Test
    void aHeldOperationSaysWhichApprovalItWaitsForAndHowToApprove() {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/offboard"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(approval("pending", "null"))));

        assertThat(defender("offboard", MACHINE, "--comment", "decommissioned")).isZero();

        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/machines/" + MACHINE + "/offboard"))
                .withRequestBody(equalToJson("{\"comment\":\"decommissioned\"}")));
        assertThat(cli.out())
                .contains("Waits for approval " + APPROVAL + " (offboard, machine:" + MACHINE + "), until "
                        + "2026-11-27T05:00:00Z")
                .contains("approve with: vigil defender approvals approve " + APPROVAL + " --comment …")
                .contains("Preview:", "ws-17");
    }

    @Test
    void previewAsksForAPreviewAndPrintsIt() throws IOException {
        String preview = """
                {"operation":"%s","approvalRequired":%s,"preview":{"operation":"%s","blocking":1,
                 "devices":[{"machineId":"%s","computerDnsName":"ws-17"}]}}""";
        vigil.stubFor(post(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/isolate"))
                .willReturn(okJson(preview.formatted("isolate", false, "isolate", MACHINE))));
        vigil.stubFor(post(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/offboard"))
                .willReturn(okJson(preview.formatted("offboard", true, "offboard", MACHINE))));
        String sha1 = "220e7d15b011d7fac48f2bd61114db1022197f7f";
        vigil.stubFor(post(urlPathEqualTo(BASE + "/files/" + sha1 + "/stop-and-quarantine"))
                .willReturn(okJson(preview.formatted("stop-and-quarantine", false, "stop-and-quarantine", MACHINE))));
        vigil.stubFor(post(urlPathEqualTo(BASE + "/indicators/import"))
                .willReturn(okJson(preview.formatted("indicators-bulk-block", true, "indicators-bulk-block", ""))));
        vigil.stubFor(delete(urlPathEqualTo(BASE + "/rules/7"))
                .willReturn(okJson(preview.formatted("rule-delete", true, "rule-delete", ""))));

        assertThat(defender("isolate", MACHINE, "--comment", "c", "--preview")).isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/machines/" + MACHINE + "/isolate?preview=true"))
                .withRequestBody(equalToJson("{\"type\":\"Full\",\"comment\":\"c\"}")));
        assertThat(cli.out())
                .startsWith("Preview of isolate (nothing changed; it would run at once, no approval needed):")
                .contains("devices:", "ws-17");

        assertThat(defender("offboard", MACHINE, "--comment", "c", "--preview")).isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/machines/" + MACHINE + "/offboard?preview=true")));
        assertThat(cli.out()).contains("Preview of offboard (nothing changed; it would wait for a second person's");

        assertThat(defender("quarantine", sha1, "--machine", MACHINE, "--comment", "c", "--preview"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/files/" + sha1 + "/stop-and-quarantine?preview=true")));
        assertThat(cli.out()).contains("Preview of stop-and-quarantine");

        Path blocking = dir.resolve("block.json");
        Files.writeString(
                blocking, "[{\"indicatorValue\":\"x\",\"indicatorType\":\"DomainName\",\"action\":\"Block\"}]");
        assertThat(defender("indicators", "import", blocking.toString(), "--reason", "r", "--preview"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/indicators/import?preview=true")));
        assertThat(cli.out()).contains("Preview of indicators-bulk-block", "blocking:");

        assertThat(defender("rules", "delete", "7", "--reason", "obsolete", "--preview"))
                .isZero();
        vigil.verify(deleteRequestedFor(urlEqualTo(BASE + "/rules/7?reason=obsolete&preview=true")));
        assertThat(cli.out()).contains("Preview of rule-delete");
    }

    @Test
    void aHeldQuarantineOrImportIsPrintedAsTheApprovalNotAsResults() throws IOException {
        String sha1 = "220e7d15b011d7fac48f2bd61114db1022197f7f";
        vigil.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(approval("pending", "null"))));
        Path json = dir.resolve("iocs.json");
        Files.writeString(json, "[{\"indicatorValue\":\"x\",\"indicatorType\":\"DomainName\",\"action\":\"Block\"}]");

        assertThat(defender("quarantine", sha1, "--machine", MACHINE, "--comment", "emotet"))
                .isZero();
        assertThat(cli.out()).contains("Waits for approval " + APPROVAL);
        assertThat(cli.err()).isEmpty();

        assertThat(defender("indicators", "import", json.toString(), "--reason", "r"))
                .isZero();
        assertThat(cli.out()).contains("Waits for approval " + APPROVAL).doesNotContain("Imported");
    }

    @Test
    void aRefusalPrintsTheProblemAndRequestIdAndExits3() {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/isolate"))
                .willReturn(problem(404, "Defender refused the request", "Machine not found")));

        int exit = defender("isolate", MACHINE, "--comment", "x");

        assertThat(exit).isEqualTo(3);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err().strip())
                .isEqualTo("vigil: Defender refused the request: Machine not found (HTTP 404, request id "
                        + "9b1d2c3e-0000-4000-8000-000000000001)");
    }

    @Test
    void aForbiddenKeyExits3AndAServerFailureExits4() {
        vigil.stubFor(get(urlPathEqualTo(BASE + "/actions"))
                .willReturn(problem(403, "Forbidden", "this needs the defender:read permission")));
        assertThat(defender("actions", "list")).isEqualTo(3);
        assertThat(cli.err()).contains("Forbidden: this needs the defender:read permission (HTTP 403");

        vigil.stubFor(get(urlPathEqualTo(BASE + "/actions"))
                .willReturn(problem(502, "Defender unavailable", "Defender answered 503 four times")));
        assertThat(defender("actions", "list")).isEqualTo(4);
        assertThat(cli.err()).contains("Defender unavailable: Defender answered 503 four times (HTTP 502");
    }

    @Test
    void anAnswerThatIsNoProblemStillSaysItsStatus() {
        vigil.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500).withBody("<html>oops</html>")));

        assertThat(defender("actions", "list")).isEqualTo(4);

        assertThat(cli.err().strip()).isEqualTo("vigil: Vigil failed (HTTP 500)");
    }

    @Test
    void anAddressThatIsNoVigilIsSaidSoNotReadAsNone() {
        vigil.stubFor(get(anyUrl())
                .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<html>router</html>")));

        assertThat(defender("machines", "list")).isEqualTo(4);

        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("is not Vigil's JSON (HTTP 200, text/html); is --url a Vigil?");
    }

    @Test
    void aKeyEchoedBackByTheServerIsNeverPrinted() {
        vigil.stubFor(get(anyUrl()).willReturn(problem(401, "Unauthorized", "unknown key " + KEY)));

        assertThat(defender("machines", "list")).isEqualTo(3);

        assertThat(cli.err()).contains("unknown key [api key]");
        keySentNeverShown();
    }

    @Test
    void anUnreachableVigilExits4() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        cli = new Cli(Map.of("VIGIL_API_KEY", KEY));

        int exit =
                cli.run("defender", "machines", "list", "--url", "http://127.0.0.1:" + closed, "--tenant", "contoso");

        assertThat(exit).isEqualTo(4);
        assertThat(cli.err()).contains("cannot reach Vigil at http://127.0.0.1:" + closed);
    }

    @Test
    void withoutAKeyOrATenantNothingIsSentAndItExits2() {
        assertThat(defender(Map.of(), "machines", "list")).isEqualTo(2);
        assertThat(cli.err()).contains("no API key; set VIGIL_API_KEY or give --api-key-file FILE");

        cli = new Cli(Map.of("VIGIL_API_KEY", KEY));
        assertThat(cli.run("defender", "machines", "list", "--url", "http://127.0.0.1:" + vigil.port()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("no tenant");
        assertThat(vigil.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void readsTheKeyFromAFileAndHasNoOptionForItOnTheCommandLine() throws IOException {
        vigil.stubFor(get(anyUrl()).willReturn(okJson("[]")));
        Path file = dir.resolve("key");
        Files.writeString(file, KEY + "\n");

        int exit = defender(Map.of(), "machines", "list", "--api-key-file", file.toString());

        assertThat(exit).isZero();
        assertThat(cli.out().strip()).isEqualTo("No devices.");
        keySentNeverShown();

        assertThat(defender("machines", "list", "--api-key", KEY)).isEqualTo(2);
        assertThat(cli.err()).contains("there is no --api-key").doesNotContain(KEY);
    }

    @Test
    void usageErrorsExit2BeforeAnyRequest() {
        Cli bare = new Cli(Map.of("VIGIL_API_KEY", KEY));
        assertThat(bare.run("defender")).isEqualTo(2);
        assertThat(bare.err()).contains("Missing required subcommand", "Exit codes: 0 done, 2 usage, 3 refused");
        assertThat(bare.run("defender", "machines", "list", "--help")).isZero();
        assertThat(bare.out()).contains("Usage: vigil defender machines list", "--api-key-file=FILE");

        assertThat(defender("isolate", MACHINE)).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required option: '--comment=<comment>'");

        assertThat(defender("isolate", MACHINE, "--comment", "  ")).isEqualTo(2);
        assertThat(cli.err()).contains("--comment must not be blank");

        assertThat(defender("isolate", MACHINE, "--type", "Partial", "--comment", "x"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--type must be one of Full, Selective");

        assertThat(defender("machines", "get", "..")).isEqualTo(2);
        assertThat(defender("machines", "list", "--name", "a", "--ip", "10.0.0.1"))
                .isEqualTo(2);
        assertThat(defender("quarantine", "not-a-sha1", "--machine", MACHINE, "--comment", "x"))
                .isEqualTo(2);

        assertThat(vigil.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void idsAreEncodedSoTheyCannotChangeThePath() {
        vigil.stubFor(any(anyUrl()).willReturn(okJson("{}")));

        assertThat(defender("actions", "get", "a/../../alerts?x")).isZero();

        assertThat(vigil.findAll(anyRequestedFor(anyUrl())).get(0).getUrl())
                .isEqualTo(BASE + "/actions/a%2F..%2F..%2Falerts%3Fx");
    }

    @Test
    void controlCharactersFromDefenderNeverReachTheTerminal() {
        vigil.stubFor(
                get(anyUrl()).willReturn(okJson("[{\"id\":\"m1\",\"computerDnsName\":\"evil\\u001b[2J\\nname\"}]")));

        assertThat(defender("machines", "list")).isZero();

        assertThat(cli.out()).doesNotContain("\u001b").contains("evil [2J name");
    }

    @Test
    void quarantinesAFileOnDevicesAndExits3WhenOneRefused() {
        String sha1 = "220e7d15b011d7fac48f2bd61114db1022197f7f";
        vigil.stubFor(post(urlPathEqualTo(BASE + "/files/" + sha1 + "/stop-and-quarantine"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                [{"machineId":"m1","action":{"id":"a1","type":"StopAndQuarantineFile","status":"Pending",
                                  "machineId":"m1"},"existing":false,"error":null},
                                 {"machineId":"m2","action":null,"existing":false,"error":"Machine m2 not found"}]""")));

        int exit = defender("quarantine", sha1, "--machine", "m1", "m2", "--comment", "emotet");

        assertThat(exit).isEqualTo(3);
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/files/" + sha1 + "/stop-and-quarantine"))
                .withRequestBody(equalToJson("{\"machineIds\":[\"m1\",\"m2\"],\"comment\":\"emotet\"}")));
        assertThat(cli.out()).contains("StopAndQuarantineFile a1 on m1: Pending");
        assertThat(cli.err()).contains("vigil: m2: Machine m2 not found");
    }

    @Test
    void listsGetsCancelsActionsAndFetchesThePackageLink() {
        vigil.stubFor(get(urlPathEqualTo(BASE + "/actions"))
                .willReturn(okJson("[{\"id\":\"a1\",\"type\":\"Isolate\",\"status\":\"Succeeded\",\"machineId\":\"m1\","
                        + "\"requestorComment\":\"SOC-1\"}]")));
        vigil.stubFor(post(urlPathEqualTo(BASE + "/actions/a1/cancel"))
                .willReturn(
                        okJson("{\"id\":\"a1\",\"type\":\"Isolate\",\"status\":\"Cancelled\",\"machineId\":\"m1\"}")));
        vigil.stubFor(get(urlPathEqualTo(BASE + "/actions/a1/package-uri"))
                .willReturn(okJson("{\"uri\":\"https://download.example/package.zip?sig=abc\"}")));

        assertThat(defender("actions", "list", "--machine", "m1", "--type", "Isolate", "--status", "Succeeded"))
                .isZero();
        vigil.verify(getRequestedFor(urlEqualTo(BASE + "/actions?machineId=m1&type=Isolate&status=Succeeded&top=100")));
        assertThat(cli.out()).contains("a1", "Isolate", "Succeeded", "SOC-1");

        assertThat(defender("actions", "cancel", "a1", "--comment", "wrong device"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/actions/a1/cancel"))
                .withRequestBody(equalToJson("{\"comment\":\"wrong device\"}")));
        assertThat(cli.out()).contains("Isolate a1 on m1: Cancelled");

        assertThat(defender("actions", "package", "a1")).isZero();
        assertThat(cli.out().strip()).isEqualTo("https://download.example/package.zip?sig=abc");
    }

    @Test
    void addsListsAndDeletesIndicators() {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/indicators"))
                .willReturn(
                        okJson("{\"id\":\"17\",\"indicatorValue\":\"evil.example\",\"indicatorType\":\"DomainName\","
                                + "\"action\":\"Block\"}")));
        vigil.stubFor(get(urlPathEqualTo(BASE + "/indicators")).willReturn(okJson("[]")));
        vigil.stubFor(delete(urlPathEqualTo(BASE + "/indicators/17"))
                .willReturn(aResponse().withStatus(204)));
        vigil.stubFor(delete(urlPathEqualTo(BASE + "/indicators")).willReturn(okJson("{\"deleted\":[\"18\",\"19\"]}")));

        assertThat(defender(
                        "indicators",
                        "add",
                        "--type",
                        "DomainName",
                        "--value",
                        "evil.example",
                        "--action",
                        "Block",
                        "--severity",
                        "High",
                        "--title",
                        "C2",
                        "--reason",
                        "SOC-9 C2 domain",
                        "--expires",
                        "2026-12-31T00:00:00Z"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/indicators")).withRequestBody(equalToJson("""
                        {"indicatorValue":"evil.example","indicatorType":"DomainName","action":"Block",
                         "severity":"High","title":"C2","reason":"SOC-9 C2 domain",
                         "expirationTime":"2026-12-31T00:00:00Z"}""")));
        assertThat(cli.out()).contains("Indicator 17: DomainName evil.example -> Block");

        assertThat(defender("indicators", "list", "--type", "DomainName")).isZero();
        vigil.verify(getRequestedFor(urlEqualTo(BASE + "/indicators?type=DomainName&top=100")));
        assertThat(cli.out().strip()).isEqualTo("No indicators.");

        assertThat(defender("indicators", "delete", "--id", "17", "--reason", "false positive"))
                .isZero();
        vigil.verify(deleteRequestedFor(urlEqualTo(BASE + "/indicators/17?reason=false%20positive")));
        assertThat(cli.out()).contains("Deleted indicator 17");

        assertThat(defender("indicators", "delete", "--value", "evil.example", "--reason", "fp"))
                .isZero();
        vigil.verify(deleteRequestedFor(urlEqualTo(BASE + "/indicators?value=evil.example&reason=fp")));
        assertThat(cli.out()).contains("Deleted indicator(s) 18, 19");

        assertThat(defender("indicators", "delete", "--reason", "fp")).isEqualTo(2);
    }

    @Test
    void importsIndicatorsFromCsvAndReportsTheOnesDefenderRefused() throws IOException {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/indicators/import")).willReturn(okJson("""
                        {"imported":1,"failed":1,"results":[
                          {"indicator":"evil.example","id":"21","failed":false,"failureReason":null},
                          {"indicator":"10.9.9.9","id":null,"failed":true,"failureReason":"Too many indicators"}]}""")));
        Path csv = dir.resolve("iocs.csv");
        Files.writeString(
                csv,
                "IndicatorType,IndicatorValue,Action,Severity,Title,RbacGroups,GenerateAlert\r\n"
                        + "DomainName,evil.example,Block,High,\"C2, stage 2\",Tier1;Tier2,true\r\n"
                        + "IpAddress,10.9.9.9,Alert,Low,Scanner,,\r\n",
                StandardCharsets.UTF_8);

        int exit = defender("indicators", "import", csv.toString(), "--reason", "SOC-12 feed");

        assertThat(exit).isEqualTo(3);
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/indicators/import")).withRequestBody(equalToJson("""
                        {"reason":"SOC-12 feed","indicators":[
                          {"indicatorType":"DomainName","indicatorValue":"evil.example","action":"Block",
                           "severity":"High","title":"C2, stage 2","rbacGroupNames":["Tier1","Tier2"],
                           "generateAlert":true},
                          {"indicatorType":"IpAddress","indicatorValue":"10.9.9.9","action":"Alert",
                           "severity":"Low","title":"Scanner"}]}""")));
        assertThat(cli.out()).contains("Imported 1, failed 1");
        assertThat(cli.err()).contains("vigil: 10.9.9.9: Too many indicators");
    }

    @Test
    void importsIndicatorsFromJsonAndRefusesUnknownCsvColumns() throws IOException {
        vigil.stubFor(post(anyUrl())
                .willReturn(okJson("{\"imported\":1,\"failed\":0,\"results\":[{\"indicator\":\"x\",\"id\":\"1\","
                        + "\"failed\":false}]}")));
        Path json = dir.resolve("iocs.json");
        Files.writeString(json, "{\"indicators\":[{\"indicatorValue\":\"x\",\"indicatorType\":\"DomainName\"}]}");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "IndicatorValue,Colour\nx,red\n");

        assertThat(defender("indicators", "import", json.toString(), "--reason", "r"))
                .isZero();
        vigil.verify(
                postRequestedFor(urlEqualTo(BASE + "/indicators/import"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"reason\":\"r\",\"indicators\":[{\"indicatorValue\":\"x\",\"indicatorType\":\"DomainName\"}]}")));
        assertThat(cli.out()).contains("Imported 1, failed 0");

        assertThat(defender("indicators", "import", csv.toString(), "--reason", "r"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("unknown column(s) [Colour]");
        assertThat(vigil.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void runsHuntingQueriesAndPrintsTheirRows() throws IOException {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/hunting/run")).willReturn(okJson("""
                        {"schema":[{"name":"DeviceName","type":"String"},{"name":"Count","type":"Int64"}],
                         "results":[{"DeviceName":"ws-17","Count":3},{"DeviceName":"ws-18","Count":1}],
                         "rowCount":2,"truncated":true}""")));
        vigil.stubFor(get(urlPathEqualTo(BASE + "/hunting/queries"))
                .willReturn(okJson("[{\"name\":\"rare-logons\",\"description\":\"Rare logons\"}]")));
        vigil.stubFor(post(urlPathEqualTo(BASE + "/hunting/queries/rare-logons/run"))
                .willReturn(okJson("{\"schema\":[],\"results\":[],\"rowCount\":0,\"truncated\":false}")));
        vigil.stubFor(
                get(urlPathEqualTo(BASE + "/hunting/queries/rare-logons/runs")).willReturn(okJson("""
                        [{"time":"2026-11-26T05:00:00Z","finishedAt":"2026-11-26T05:00:02Z",
                          "windowStart":"2026-11-26T03:55:00Z","windowEnd":"2026-11-26T05:00:00Z","rows":4,
                          "alertsRaised":2,"truncated":false,"error":null}]""")));
        Path kql = dir.resolve("q.kql");
        Files.writeString(kql, "DeviceLogonEvents | summarize Count=count() by DeviceName");

        assertThat(defender("hunt", "run", "--query-file", kql.toString(), "--timespan", "P7D", "--max-rows", "50"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/hunting/run")).withRequestBody(equalToJson("""
                        {"query":"DeviceLogonEvents | summarize Count=count() by DeviceName","timespan":"P7D",
                         "maxRows":50}""")));
        assertThat(cli.out().lines().toList()).containsExactly("DeviceName  Count", "ws-17       3", "ws-18       1");
        assertThat(cli.err()).contains("more rows than the cap; 2 shown");

        assertThat(defender("hunt", "queries")).isZero();
        assertThat(cli.out()).contains("rare-logons", "Rare logons");

        assertThat(defender("hunt", "saved", "rare-logons")).isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/hunting/queries/rare-logons/run"))
                .withRequestBody(equalToJson("{}")));
        assertThat(cli.out().strip()).isEqualTo("No rows.");
        assertThat(cli.err()).isEmpty();

        assertThat(defender("hunt", "saved", "rare-logons", "--timespan", "P1D", "--max-rows", "10"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/hunting/queries/rare-logons/run"))
                .withRequestBody(equalToJson("{\"timespan\":\"P1D\",\"maxRows\":10}")));

        assertThat(defender("hunt", "runs", "rare-logons", "--limit", "5")).isZero();
        vigil.verify(getRequestedFor(urlEqualTo(BASE + "/hunting/queries/rare-logons/runs?limit=5")));
        assertThat(cli.out()).contains("WINDOW START", "ALERTS", "2026-11-26T03:55:00Z");

        assertThat(defender("hunt", "run", "--query", "x", "--query-file", kql.toString()))
                .isEqualTo(2);
    }

    private static final String SAVED = """
            {"name":"rare-logons","description":"Rare logons","query":"DeviceLogonEvents | take 5","timespan":"P7D",
             "schedule":{"interval":"PT1H","severity":"HIGH","enabled":true},"createdBy":"key:cli",
             "createdAt":"2026-11-26T05:00:00Z","updatedBy":"key:cli","updatedAt":"2026-11-26T05:00:00Z",
             "nextRunAt":"2026-11-26T06:00:00Z","coveredUntil":null}""";

    @Test
    void savesShowsReplacesAndDeletesSavedQueries() throws IOException {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/hunting/queries"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(SAVED)));
        vigil.stubFor(get(urlPathEqualTo(BASE + "/hunting/queries/rare-logons")).willReturn(okJson(SAVED)));
        vigil.stubFor(put(urlPathEqualTo(BASE + "/hunting/queries/rare-logons"))
                .willReturn(okJson(
                        "{\"name\":\"rare-logons\",\"query\":\"DeviceLogonEvents | take 9\",\"schedule\":null}")));
        vigil.stubFor(delete(urlPathEqualTo(BASE + "/hunting/queries/rare-logons"))
                .willReturn(aResponse().withStatus(204)));
        Path kql = dir.resolve("rare.kql");
        Files.writeString(kql, "DeviceLogonEvents | take 5");

        assertThat(defender(
                        "hunt",
                        "save",
                        "rare-logons",
                        "--query-file",
                        kql.toString(),
                        "--description",
                        "Rare logons",
                        "--timespan",
                        "P7D",
                        "--every",
                        "PT1H",
                        "--severity",
                        "HIGH",
                        "--reason",
                        "SOC-12 coverage"))
                .as(() -> cli.err())
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/hunting/queries")).withRequestBody(equalToJson("""
                        {"name":"rare-logons","description":"Rare logons","query":"DeviceLogonEvents | take 5",
                         "timespan":"P7D","schedule":{"interval":"PT1H","severity":"HIGH","enabled":true},
                         "reason":"SOC-12 coverage"}""")));
        assertThat(cli.out().strip())
                .isEqualTo("Saved query rare-logons, every PT1H HIGH, next run 2026-11-26T06:00:00Z");

        assertThat(defender("hunt", "show", "rare-logons")).isZero();
        vigil.verify(getRequestedFor(urlEqualTo(BASE + "/hunting/queries/rare-logons")));
        assertThat(cli.out())
                .contains("query:", "DeviceLogonEvents | take 5", "\"interval\":\"PT1H\"", "createdBy:")
                .doesNotContain("coveredUntil");

        // --replace: the same body, PUT to the query's own path; no schedule options, no schedule.
        assertThat(defender(
                        "hunt",
                        "save",
                        "rare-logons",
                        "--replace",
                        "--query",
                        "DeviceLogonEvents | take 9",
                        "--reason",
                        "narrower"))
                .isZero();
        vigil.verify(putRequestedFor(urlEqualTo(BASE + "/hunting/queries/rare-logons"))
                .withRequestBody(equalToJson("""
                        {"name":"rare-logons","query":"DeviceLogonEvents | take 9","reason":"narrower"}""")));
        assertThat(cli.out().strip()).isEqualTo("Replaced query rare-logons");

        // --disabled keeps the schedule switched off; --json prints Vigil's answer as is.
        assertThat(defender(
                        "hunt",
                        "save",
                        "quiet",
                        "--query",
                        "x",
                        "--every",
                        "PT15M",
                        "--disabled",
                        "--reason",
                        "r",
                        "--json"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/hunting/queries")).withRequestBody(equalToJson("""
                        {"name":"quiet","query":"x","schedule":{"interval":"PT15M","enabled":false},"reason":"r"}""")));
        assertThat(cli.out()).contains("\"nextRunAt\" : \"2026-11-26T06:00:00Z\"");

        assertThat(defender("hunt", "delete", "rare-logons", "--reason", "SOC-12 closed: no longer needed"))
                .isZero();
        vigil.verify(deleteRequestedFor(
                urlEqualTo(BASE + "/hunting/queries/rare-logons?reason=SOC-12%20closed%3A%20no%20longer%20needed")));
        assertThat(cli.out().strip()).isEqualTo("Deleted saved query rare-logons");
        keySentNeverShown();
    }

    @Test
    void savingUnderATakenNameExits3AndAChangeWithoutAReasonExits2() {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/hunting/queries"))
                .willReturn(problem(409, "Saved query exists", "a saved query named rare-logons exists")));

        assertThat(defender("hunt", "save", "rare-logons", "--query", "DeviceLogonEvents", "--reason", "again"))
                .isEqualTo(3);
        assertThat(cli.err())
                .contains("vigil: Saved query exists: a saved query named rare-logons exists (HTTP 409, request id ");
        assertThat(cli.out()).isEmpty();
        int sent = vigil.findAll(anyRequestedFor(anyUrl())).size();

        assertThat(defender("hunt", "save", "rare-logons", "--query", "DeviceLogonEvents"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("Missing required option: '--reason=<reason>'");
        assertThat(defender("hunt", "delete", "rare-logons")).isEqualTo(2);
        assertThat(cli.err()).contains("--reason");
        assertThat(defender("hunt", "delete", "rare-logons", "--reason", " ")).isEqualTo(2);
        assertThat(cli.err()).contains("--reason must not be blank");
        assertThat(defender("hunt", "save", "rare-logons", "--reason", "r")).isEqualTo(2);
        assertThat(defender("hunt", "save", "rare-logons", "--query", "x", "--severity", "HIGH", "--reason", "r"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("give --every too");
        assertThat(defender("hunt", "show", "..")).isEqualTo(2);
        assertThat(vigil.findAll(anyRequestedFor(anyUrl()))).hasSize(sent);
    }

    @Test
    void listsUpdatesAndCommentsOnIncidents() {
        vigil.stubFor(
                get(urlPathEqualTo(BASE + "/incidents"))
                        .willReturn(
                                okJson(
                                        "[{\"id\":\"42\",\"severity\":\"high\",\"status\":\"active\",\"displayName\":\"Ransomware\"}]")));
        vigil.stubFor(patch(urlPathEqualTo(BASE + "/incidents/42"))
                .willReturn(okJson("{\"id\":\"42\",\"status\":\"resolved\"}")));
        vigil.stubFor(post(urlPathEqualTo(BASE + "/incidents/42/comments"))
                .willReturn(okJson("[{\"comment\":\"earlier\"},{\"comment\":\"isolated ws-17\"}]")));

        assertThat(defender(
                        "incidents",
                        "list",
                        "--status",
                        "active",
                        "--severity",
                        "high",
                        "--assigned-to",
                        "dana@contoso.com",
                        "--created-after",
                        "2026-11-01T00:00:00Z",
                        "--top",
                        "10"))
                .isZero();
        vigil.verify(getRequestedFor(urlEqualTo(BASE + "/incidents?status=active&severity=high"
                + "&assignedTo=dana%40contoso.com&createdAfter=2026-11-01T00%3A00%3A00Z&top=10")));
        assertThat(cli.out()).contains("42", "high", "active", "Ransomware");

        assertThat(defender(
                        "incidents",
                        "update",
                        "42",
                        "--status",
                        "resolved",
                        "--classification",
                        "truePositive",
                        "--determination",
                        "malware",
                        "--assigned-to",
                        "dana@contoso.com",
                        "--tag",
                        "ransomware",
                        "--tag",
                        "SOC-1",
                        "--reason",
                        "contained"))
                .isZero();
        vigil.verify(patchRequestedFor(urlEqualTo(BASE + "/incidents/42")).withRequestBody(equalToJson("""
                        {"status":"resolved","classification":"truePositive","determination":"malware",
                         "assignedTo":"dana@contoso.com","customTags":["ransomware","SOC-1"],"reason":"contained"}""")));
        assertThat(cli.out()).contains("status: resolved");

        assertThat(defender("incidents", "comment", "42", "--comment", "isolated ws-17"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/incidents/42/comments"))
                .withRequestBody(equalToJson("{\"comment\":\"isolated ws-17\"}")));
        assertThat(cli.out().strip()).isEqualTo("Commented on incident 42 (2 comment(s) now)");

        assertThat(defender("incidents", "update", "42", "--reason", "nothing")).isEqualTo(2);
    }

    @Test
    void createsSwitchesDeletesBacksUpAndRestoresRules() throws IOException {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/rules"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"7\",\"displayName\":\"Rare logon\"}")));
        vigil.stubFor(patch(urlPathEqualTo(BASE + "/rules/7"))
                .willReturn(okJson("{\"id\":\"7\",\"displayName\":\"Rare logon v2\"}")));
        vigil.stubFor(post(urlPathEqualTo(BASE + "/rules/7/disable"))
                .willReturn(okJson("{\"id\":\"7\",\"isEnabled\":false}")));
        vigil.stubFor(
                delete(urlPathEqualTo(BASE + "/rules/7")).willReturn(aResponse().withStatus(204)));
        String backup = "{\"tenant\":\"contoso\",\"takenAt\":\"2026-11-26T05:00:00Z\","
                + "\"rules\":[{\"id\":\"7\",\"displayName\":\"Rare logon\"}]}";
        vigil.stubFor(get(urlPathEqualTo(BASE + "/rules/backup")).willReturn(okJson(backup)));
        vigil.stubFor(post(urlPathEqualTo(BASE + "/rules/restore")).willReturn(okJson("""
                        {"dryRun":true,"created":0,"updated":1,"unchanged":0,"failed":1,"results":[
                          {"displayName":"Rare logon","result":"updated","id":"7","error":null},
                          {"displayName":"Broken","result":"failed","id":null,"error":"schedule.period: 2H"}]}""")));
        Path file = dir.resolve("rules.json");
        Path rule = dir.resolve("rule.json");
        Files.writeString(rule, "{\"displayName\":\"Rare logon\",\"schedule\":{\"period\":\"1H\"}}");

        assertThat(defender("rules", "create", rule.toString(), "--reason", "new coverage"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/rules")).withRequestBody(equalToJson("""
                        {"reason":"new coverage","rule":{"displayName":"Rare logon","schedule":{"period":"1H"}}}""")));
        assertThat(cli.out().strip()).isEqualTo("Created rule 7: Rare logon");

        assertThat(defender("rules", "update", "7", rule.toString(), "--reason", "tuned"))
                .isZero();
        vigil.verify(patchRequestedFor(urlEqualTo(BASE + "/rules/7")).withRequestBody(equalToJson("""
                        {"reason":"tuned","rule":{"displayName":"Rare logon","schedule":{"period":"1H"}}}""")));
        assertThat(cli.out()).contains("displayName: Rare logon v2");

        assertThat(defender("rules", "disable", "7", "--reason", "noisy")).isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/rules/7/disable"))
                .withRequestBody(equalToJson("{\"reason\":\"noisy\"}")));

        assertThat(defender("rules", "delete", "7", "--reason", "obsolete")).isZero();
        vigil.verify(deleteRequestedFor(urlEqualTo(BASE + "/rules/7?reason=obsolete")));
        assertThat(cli.out().strip()).isEqualTo("Deleted rule 7");

        assertThat(defender("rules", "backup", "--out", file.toString())).isZero();
        assertThat(Files.readString(file)).isEqualTo(backup);
        assertThat(cli.out()).contains("Wrote 1 rule(s) to " + file);

        assertThat(defender("rules", "backup", "--out", file.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("exists; give --force to overwrite it");
        assertThat(vigil.findAll(getRequestedFor(urlEqualTo(BASE + "/rules/backup"))))
                .hasSize(1);
        assertThat(defender("rules", "backup", "--out", file.toString(), "--force"))
                .isZero();

        assertThat(defender("rules", "restore", file.toString(), "--reason", "rollback", "--dry-run"))
                .isEqualTo(3);
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/rules/restore")).withRequestBody(equalToJson("""
                        {"tenant":"contoso","takenAt":"2026-11-26T05:00:00Z",
                         "rules":[{"id":"7","displayName":"Rare logon"}],"reason":"rollback","dryRun":true}""")));
        assertThat(cli.out())
                .contains("Would restore (dry run, nothing changed): created 0, updated 1, unchanged 0, failed 1")
                .contains("updated", "Rare logon", "failed", "Broken", "schedule.period: 2H");

        assertThat(defender("rules", "restore", rule.toString(), "--reason", "r"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("not a rules backup");
    }

    static final String SESSION = "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d";

    @Test
    void startsALiveResponseSessionInVigilsShapeReadsItAndDownloadsAFile() throws IOException {
        vigil.stubFor(post(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/live-response"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"%s\",\"machineId\":\"%s\",\"status\":\"Pending\",\"commands\":[]}"
                                .formatted(SESSION, MACHINE))));
        vigil.stubFor(get(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/live-response/" + SESSION))
                .willReturn(okJson("""
                        {"id":"%s","tenant":"contoso","machineId":"%s","actionId":"a-1","requestedBy":"user:dana",
                         "comment":"triage","status":"Succeeded","error":null,"createdAt":"2026-11-26T05:00:00Z",
                         "updatedAt":"2026-11-26T05:01:00Z","endedAt":"2026-11-26T05:01:00Z","commands":[
                          {"index":0,"type":"PutFile","target":"tool.exe","args":null,"status":"Completed","errors":[]},
                          {"index":1,"type":"RunScript","target":"collect.ps1","args":"-Full","status":"Completed",
                           "errors":[],"script":{"exitCode":0,"output":"line one\\nline \\u001b[2Jtwo","errors":""}},
                          {"index":2,"type":"GetFile","target":"C:\\\\Windows\\\\Temp\\\\a.exe","args":null,
                           "status":"Completed","errors":[],
                           "file":{"name":"a.exe","size":4,"sha256":"054edec1d0211f624fed0cbca9d4f9400b0e491c43742af2c5b0abebf0c990d8"}}]}""".formatted(SESSION, MACHINE))));
        vigil.stubFor(get(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/live-response/" + SESSION + "/files/2"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/octet-stream")
                        .withHeader(
                                "X-Content-SHA256", "054edec1d0211f624fed0cbca9d4f9400b0e491c43742af2c5b0abebf0c990d8")
                        .withBody(new byte[] {0, 1, 2, 3})));
        vigil.stubFor(get(urlPathEqualTo(BASE + "/machines/" + MACHINE + "/live-response/" + SESSION + "/files/1"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/octet-stream")
                        .withHeader("X-Content-SHA256", "00")
                        .withBody(new byte[] {0, 1})));

        assertThat(defender(
                        "live",
                        "run",
                        MACHINE,
                        "--comment",
                        "triage",
                        "--put",
                        "tool.exe",
                        "--script",
                        "collect.ps1",
                        "--args",
                        "-Full",
                        "--script",
                        "b.ps1",
                        "--get",
                        "C:\\Windows\\Temp\\a.exe"))
                .as(() -> cli.err())
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/machines/" + MACHINE + "/live-response"))
                .withRequestBody(equalToJson("""
                        {"comment":"triage","commands":[
                          {"type":"PutFile","file":"tool.exe"},
                          {"type":"RunScript","script":"collect.ps1","args":"-Full"},
                          {"type":"RunScript","script":"b.ps1"},
                          {"type":"GetFile","path":"C:\\\\Windows\\\\Temp\\\\a.exe"}]}""")));
        assertThat(cli.out())
                .contains("Live response session " + SESSION + " on " + MACHINE + ": Pending")
                .contains("vigil defender live get " + MACHINE + " " + SESSION);

        assertThat(defender("live", "get", MACHINE, SESSION)).isZero();
        assertThat(cli.out())
                .contains("Session " + SESSION + " on " + MACHINE + ": Succeeded (ended 2026-11-26T05:01:00Z)")
                .contains("[0] PutFile tool.exe: Completed")
                .contains("[1] RunScript collect.ps1 -Full: Completed, exit code 0")
                .contains("      line one", "      line  [2Jtwo")
                .contains("[2] GetFile C:\\Windows\\Temp\\a.exe: Completed, kept a.exe (4 bytes")
                .contains("vigil defender live download " + MACHINE + " " + SESSION + " 2 --out FILE")
                .doesNotContain("\u001b");

        Path file = dir.resolve("a.exe");
        assertThat(defender("live", "download", MACHINE, SESSION, "2", "--out", file.toString()))
                .isZero();
        assertThat(Files.readAllBytes(file)).containsExactly(0, 1, 2, 3);
        assertThat(cli.out()).contains("Wrote 4 bytes", "054edec1d021");

        // Bytes that do not match the digest Vigil kept are not written.
        Path other = dir.resolve("b.bin");
        assertThat(defender("live", "download", MACHINE, SESSION, "1", "--out", other.toString()))
                .isEqualTo(4);
        assertThat(cli.err()).contains("SHA-256", "nothing written");
        assertThat(other).doesNotExist();

        int before = vigil.findAll(anyRequestedFor(anyUrl())).size();
        assertThat(defender("live", "run", MACHINE, "--comment", "nothing to do"))
                .isEqualTo(2);
        assertThat(defender("live", "run", MACHINE, "--comment", "c", "--get", "C:\\a", "--args", "-x"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--args must follow the --script it belongs to");
        assertThat(defender("live", "get", SESSION)).isEqualTo(2);
        assertThat(vigil.findAll(anyRequestedFor(anyUrl()))).hasSize(before);
    }

    @Test
    void listsTheLiveResponseLibrary() {
        vigil.stubFor(get(urlPathEqualTo(BASE + "/live-response/library")).willReturn(okJson("""
                        [{"fileName":"minidump.ps1","description":"Writes a minidump","hasParameters":true,
                          "parametersDescription":"process name","createdBy":"soc","lastUpdatedTime":null},
                         {"fileName":"procdump64.exe","description":null,"hasParameters":null,
                          "parametersDescription":null,"createdBy":null,"lastUpdatedTime":null}]""")));

        assertThat(defender("live", "library")).isZero();

        assertThat(cli.out().lines().toList()).hasSize(3);
        assertThat(cli.out())
                .contains("NAME", "PARAMETERS", "DESCRIPTION")
                .contains("minidump.ps1", "Writes a minidump (parameters: process name)", "procdump64.exe");
    }

    @Test
    void showsTheAlertPoller() {
        vigil.stubFor(get(urlPathEqualTo(BASE + "/alerts/poller")).willReturn(okJson("""
                        {"tenant":"contoso","polled":true,"lastPolledAt":"2026-11-26T05:20:00Z",
                         "watermark":"2026-11-26T05:19:41Z","idsAtWatermark":1,"lastError":null,"lastErrorAt":null,
                         "imported":412,"revised":37,"rejected":0}""")));

        assertThat(defender("alerts", "poller")).isZero();

        assertThat(cli.out()).contains("polled:", "true", "watermark:", "2026-11-26T05:19:41Z", "imported:", "412");
        assertThat(cli.out()).doesNotContain("lastError");
    }

    @Test
    void listsApprovesAndRejectsApprovals() {
        vigil.stubFor(
                get(urlPathEqualTo(BASE + "/approvals")).willReturn(okJson("[" + approval("pending", "null") + "]")));
        vigil.stubFor(post(urlPathEqualTo(BASE + "/approvals/" + APPROVAL + "/approve"))
                .willReturn(okJson(approval("executed", started("Offboard", null, false)))));
        vigil.stubFor(post(urlPathEqualTo(BASE + "/approvals/ap-8/reject"))
                .willReturn(problem(409, "No longer pending", "approval ap-8 was executed")));

        assertThat(defender("approvals", "list", "--status", "pending")).isZero();
        vigil.verify(getRequestedFor(urlEqualTo(BASE + "/approvals?status=pending&limit=100")));
        assertThat(cli.out().lines().toList()).hasSize(2);
        assertThat(cli.out().lines().findFirst().orElseThrow()).contains("ID", "STATUS", "OPERATION", "TARGET");
        assertThat(cli.out()).contains(APPROVAL, "pending", "offboard", "machine:" + MACHINE, "user:dana");

        assertThat(defender("approvals", "approve", APPROVAL, "--comment", "checked with the owner"))
                .isZero();
        vigil.verify(postRequestedFor(urlEqualTo(BASE + "/approvals/" + APPROVAL + "/approve"))
                .withRequestBody(equalToJson("{\"comment\":\"checked with the owner\"}")));
        assertThat(cli.out())
                .contains("Approval " + APPROVAL + " (offboard, machine:" + MACHINE + "): executed by user:erin")
                .contains("Offboard " + ACTION + " on " + MACHINE + ": Pending");

        assertThat(defender("approvals", "reject", "ap-8", "--comment", "no")).isEqualTo(3);
        assertThat(cli.err()).contains("No longer pending: approval ap-8 was executed (HTTP 409");
    }
}
