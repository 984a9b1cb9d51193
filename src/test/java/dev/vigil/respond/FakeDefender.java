package dev.vigil.respond;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entra ID and Defender for Endpoint on loopback, for tests, over real HTTP (WireMock): the client-credentials
 * token endpoint over HTTPS at {@link #loginUrl()} (MSAL insists on https; {@link #trustStore()} trusts its
 * certificate), and the Defender API at {@link #apiUrl()}.
 *
 * <p>Entra ID as external-apis §1 describes it: the form is checked (grant type, tenant, client id, one
 * {@code .default} scope), a wrong secret gets {@code 401 invalid_client} with {@code AADSTS7000215}, tokens
 * carry their resource and last {@link #expiresIn(int)} seconds. Defender as §2.1-2.2: every call needs a
 * token issued for Defender and not {@linkplain #revokeTokens() revoked} ({@code 401 Unauthorized} otherwise);
 * {@code /api/machines} honours {@code $top} and {@code $skip} and a few {@code $filter} forms, answers 404
 * when nothing matches, and gives an {@code @odata.nextLink} only when asked without {@code $top} (pages of
 * {@link #pageSize(int)}), as Defender does; errors use Defender's {@code
 * {"error": {code, message, target}}} envelope. Failures can be queued: {@link #answerThrottled}, {@link
 * #answerUnavailable}, {@link #answerMalformed()}, {@link #answerError}.
 */
public final class FakeDefender implements AutoCloseable {

    public static final String TENANT_ID = "6f1c3a52-8d4e-4b7a-9c2d-0e5f7a8b9c10";
    public static final String CLIENT_ID = "0b2d4f6a-1c3e-4a5b-8d7f-9e0a1b2c3d4e";
    /** Listed in src/test/resources/test-secrets.txt: the log scan fails the build if it is ever logged. */
    public static final String CLIENT_SECRET = "fake-defender-client-secret-5c1e9a";

    private static final String TLS_PASSWORD = "fake-defender-tls-password-77d2";
    private static final String DEFENDER_SCOPE = "https://api.securitycenter.microsoft.com/.default";
    private static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern MACHINE_PATH = Pattern.compile("/api/machines/([^/?]+)(/logonusers)?");

    private final JsonMapper json = JsonMapper.builder().build();
    private final Path trustStore;
    private final WireMockServer server;

    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger assertions = new AtomicInteger();
    private final Map<String, String> validTokens = new ConcurrentHashMap<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> apiRequests = new CopyOnWriteArrayList<>();
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    /** A queued answer, in the error envelope of the API it is served on: Defender's (§2.1) or Graph's (§3.1). */
    private interface Queued {
        ResponseDefinition answer(boolean graph, @Nullable String requestId);
    }

    private final Deque<Queued> queued = new ArrayDeque<>();
    private final Map<String, ObjectNode> machines = new LinkedHashMap<>();
    private final Map<String, ArrayNode> logonUsers = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> indicators = new LinkedHashMap<>();
    private final AtomicInteger indicatorIds = new AtomicInteger(994);
    private final FakeMachineActions machineActions = new FakeMachineActions(this);
    private final List<Registered> routes = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger revokeAfter =
            new java.util.concurrent.atomic.AtomicInteger(-1);
    private volatile int expiresIn = 3599;
    private volatile int pageSize = 10_000;

    public FakeDefender() {
        try {
            trustStore = Files.createTempFile("fake-defender-tls", ".p12");
            Files.delete(trustStore);
            keytool(trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(trustStore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(TLS_PASSWORD)
                .keyManagerPassword(TLS_PASSWORD)
                .notifier(new Slf4jNotifier(false))
                .extensions(new Behaviour()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    /** Entra ID's host over HTTPS: {@code vigil.defender.login-url}. */
    public URI loginUrl() {
        return URI.create("https://localhost:" + server.httpsPort() + "/");
    }

    /** Points Vigil at this fake (Defender, Graph, Entra ID and its trust store) with tenant {@code contoso}. */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registerEndpoints(registry);
        registerTenant(registry, "contoso");
    }

    /** {@code vigil.defender.api-url}, {@code graph-url}, {@code login-url} and the trust store: this fake's. */
    public void registerEndpoints(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("vigil.defender.api-url", () -> apiUrl().toString());
        registry.add("vigil.defender.graph-url", () -> graphUrl().toString());
        registry.add("vigil.defender.login-url", () -> loginUrl().toString());
        registry.add("vigil.defender.trust-store", () -> trustStore().toString());
        registry.add("vigil.defender.trust-store-password", this::trustStorePassword);
    }

    /** A Vigil tenant by that name, signing in to this fake's one tenant with the right secret. */
    public static void registerTenant(org.springframework.test.context.DynamicPropertyRegistry registry, String name) {
        registry.add("vigil.defender.tenants." + name + ".tenant-id", () -> TENANT_ID);
        registry.add("vigil.defender.tenants." + name + ".client-id", () -> CLIENT_ID);
        registry.add("vigil.defender.tenants." + name + ".client-secret", () -> CLIENT_SECRET);
    }

    /** Defender's API root: {@code vigil.defender.api-url}. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    /** A PKCS12 trust store holding the fake's certificate: {@code vigil.defender.trust-store}. */
    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return TLS_PASSWORD;
    }

    /** Lifetime of tokens issued from now on, in seconds. */
    public FakeDefender expiresIn(int seconds) {
        this.expiresIn = seconds;
        return this;
    }

    /** How many items a listing asked for without {@code $top} holds before an {@code @odata.nextLink}. */
    public FakeDefender pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Adds {@code count} machines named {@code ws-001.contoso.com}, ... on 10.1.0.1, ...; returns their ids. */
    public synchronized List<String> addMachines(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = machines.size() + 1;
            String id = String.format(Locale.ROOT, "%040x", 0x1e5bc9d7L * 1_000 + n);
            ObjectNode machine = json.createObjectNode()
                    .put("id", id)
                    .put("computerDnsName", String.format(Locale.ROOT, "ws-%03d.contoso.com", n))
                    .put("firstSeen", "2024-02-01T09:12:03Z")
                    .put("lastSeen", "2024-05-02T07:27:36.1234567Z")
                    .put("osPlatform", "Windows11")
                    .put("version", "23H2")
                    .put("osBuild", 22631)
                    .put("lastIpAddress", "10.1.0." + n)
                    .put("lastExternalIpAddress", "203.0.113.9")
                    .put("healthStatus", n % 2 == 0 ? "Inactive" : "Active")
                    .put("onboardingStatus", "onboarded")
                    .put("rbacGroupId", 140)
                    .put("rbacGroupName", "Finance")
                    .put("riskScore", "Medium")
                    .put("exposureLevel", "Low")
                    .put("deviceValue", "Normal")
                    .put("isAadJoined", true)
                    .put("aadDeviceId", "80fe8ff8-2624-418e-9591-41f0491218f9")
                    .put("someFieldDefenderAddedLater", "ignored");
            machine.putArray("machineTags").add("vip");
            machine.putArray("ipAddresses")
                    .addObject()
                    .put("ipAddress", "10.1.0." + n)
                    .put("macAddress", "8CEC4B897E73")
                    .put("operationalStatus", "Up");
            machines.put(id, machine);
            ArrayNode users = json.createArrayNode();
            users.addObject()
                    .put("id", "contoso\\user" + n)
                    .put("accountName", "user" + n)
                    .put("accountDomain", "contoso")
                    .put("accountSid", "S-1-5-21-1-" + n)
                    .put("firstSeen", "2024-03-01T08:00:00Z")
                    .put("lastSeen", "2024-05-01T08:00:00Z")
                    .put("logonTypes", "Interactive")
                    .put("isDomainAdmin", false);
            logonUsers.put(id, users);
            ids.add(id);
        }
        return ids;
    }

    /** The next {@code times} Defender calls get 429 with {@code Retry-After: seconds}. */
    public synchronized FakeDefender answerThrottled(int times, int retryAfterSeconds) {
        for (int i = 0; i < times; i++) {
            queued.add(failure(
                    429,
                    "TooManyRequests",
                    "API calls quota exceeded! maximum allowed 100 per 00:01:00",
                    retryAfterSeconds));
        }
        return this;
    }

    /** The next {@code times} Defender calls get 503. */
    public synchronized FakeDefender answerUnavailable(int times) {
        for (int i = 0; i < times; i++) {
            queued.add(failure(503, "ServiceUnavailable", "The service is temporarily unavailable", 0));
        }
        return this;
    }

    /** The next Defender call gets 200 with a body that is not JSON. */
    public synchronized FakeDefender answerMalformed() {
        ResponseDefinition malformed = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"value\": [{\"id\": ")
                .build();
        queued.add((graph, requestId) -> malformed);
        return this;
    }

    /** The next Defender call gets this status and body, as given. */
    public synchronized FakeDefender answerBody(int status, String body) {
        ResponseDefinition answer = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body)
                .build();
        queued.add((graph, requestId) -> answer);
        return this;
    }

    /** Token requests that authenticated with a signed client assertion (a certificate), not a secret. */
    public int assertionsAccepted() {
        return assertions.get();
    }

    /** The next Defender call gets this error in Defender's envelope. */
    public synchronized FakeDefender answerError(int status, String code, String message) {
        queued.add(failure(status, code, message, 0));
        return this;
    }

    /** A failure in the envelope of the API that gets it; {@code retryAfter} seconds when positive. */
    private Queued failure(int status, String code, String message, int retryAfter) {
        return (graph, requestId) -> {
            ResponseDefinition answer = graph
                    ? graphError(status, code, message, requestId)
                    : error(status, code, message).build();
            return retryAfter > 0
                    ? ResponseDefinitionBuilder.like(answer)
                            .but()
                            .withHeader("Retry-After", Integer.toString(retryAfter))
                            .build()
                    : answer;
        };
    }

    /** Machine actions (§2.3-2.4): their lifecycle, cancel and the "already in progress" refusal. */
    public FakeMachineActions machineActions() {
        return machineActions;
    }

    synchronized boolean hasMachine(String id) {
        return machines.containsKey(id);
    }

    /** The {@code computerDnsName} of a machine the fake holds. */
    public synchronized String machineName(String id) {
        return machines.get(id).path("computerDnsName").asString();
    }

    /** Tokens issued so far stop being accepted, as after a revocation. */
    public FakeDefender revokeTokens() {
        validTokens.clear();
        return this;
    }

    /**
     * Revokes every token issued so far once {@code requests} more API calls have been answered: a token that
     * dies in the middle of a paged listing, as a rotated key or an admin's revocation does.
     */
    public FakeDefender revokeTokensAfter(int requests) {
        revokeAfter.set(requests);
        return this;
    }

    /** Scopes of the token requests that got a token or an error, in order. */
    public List<String> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** Method and URL of every Defender call, in order. */
    public List<String> apiRequests() {
        return List.copyOf(apiRequests);
    }

    /** The {@code client-request-id} of every Defender call, in order. */
    public List<String> requestIds() {
        return List.copyOf(requestIds);
    }

    /** Forgets requests, queued failures, revocations and indicators; keeps machines and their actions. */
    public synchronized void reset() {
        indicators.clear();
        tokenRequests.clear();
        apiRequests.clear();
        requestIds.clear();
        queued.clear();
        machineActions.reset();
        expiresIn = 3599;
        pageSize = 10_000;
        revokeAfter.set(-1);
    }

    @Override
    public void close() {
        server.stop();
        try {
            Files.deleteIfExists(trustStore);
        } catch (IOException e) {
            // A temp file; the OS cleans up.
        }
    }

    private final class Behaviour implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-defender";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = URI.create(request.getUrl()).getRawPath();
            Matcher token = TOKEN_PATH.matcher(path);
            if (token.matches() && "POST".equals(request.getMethod().getName())) {
                // Entra ID echoes the caller's correlation id; MSAL checks it.
                String correlation = request.getHeader("client-request-id");
                ResponseDefinition answer = token(token.group(1), form(request.getBodyAsString()));
                return correlation == null
                        ? answer
                        : ResponseDefinitionBuilder.like(answer)
                                .but()
                                .withHeader("client-request-id", correlation)
                                .build();
            }
            if (path.startsWith("/api/")) {
                return api(request, path);
            }
            if (path.startsWith("/v1.0/") || path.startsWith("/beta/")) {
                return graph(request, path);
            }
            ResponseDefinition routed = routed(request, path, "none");
            return routed != null
                    ? routed
                    : error(404, "NotFound", "no such endpoint on the fake").build();
        }
    }

    private ResponseDefinition token(String tenant, Map<String, String> form) {
        String scope = form.getOrDefault("scope", "");
        tokenRequests.add(scope);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return aadError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type");
        }
        if (!TENANT_ID.equals(tenant)) {
            return aadError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found.");
        }
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            return aadError(400, "unauthorized_client", 700016, "Application was not found in the directory");
        }
        List<String> resources = new ArrayList<>();
        for (String s : scope.split(" ")) {
            if (!s.isBlank() && !Set.of("openid", "profile", "offline_access").contains(s)) {
                resources.add(s);
            }
        }
        if (resources.size() != 1 || !Set.of(DEFENDER_SCOPE, GRAPH_SCOPE).contains(resources.get(0))) {
            return aadError(
                    400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid");
        }
        boolean assertion =
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
                        && form.getOrDefault("client_assertion", "").split("\\.").length == 3;
        if (!assertion && form.get("client_secret") == null) {
            return aadError(
                    401,
                    "invalid_client",
                    7000218,
                    "The request body must contain 'client_assertion' or 'client_secret'");
        }
        if (!assertion && !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return aadError(401, "invalid_client", 7000215, "Invalid client secret provided.");
        }
        if (assertion) {
            assertions.incrementAndGet();
        }
        String resource = resources.get(0).equals(DEFENDER_SCOPE) ? "mde" : "graph";
        String accessToken = "fake-at-" + resource + "-" + tokensIssued.incrementAndGet() + "-" + UUID.randomUUID();
        validTokens.put(accessToken, resource);
        ObjectNode body = json.createObjectNode()
                .put("token_type", "Bearer")
                .put("expires_in", expiresIn)
                .put("ext_expires_in", expiresIn)
                .put("access_token", accessToken);
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json.writeValueAsString(body))
                .build();
    }

    private ResponseDefinition api(Request request, String path) {
        if (revokeAfter.get() >= 0 && revokeAfter.getAndDecrement() == 0) {
            validTokens.clear();
        }
        apiRequests.add(request.getMethod().getName() + " " + request.getUrl());
        String requestId = request.getHeader("client-request-id");
        requestIds.add(requestId == null ? "" : requestId);
        String authorization = request.getHeader("Authorization");
        String presented =
                authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (!"mde".equals(validTokens.get(presented))) {
            return error(401, "Unauthorized", "Authorization has been denied for this request.")
                    .build();
        }
        synchronized (this) {
            if (!queued.isEmpty()) {
                return queued.poll().answer(false, requestId);
            }
        }
        ResponseDefinition routed = routed(request, path, "mde");
        if (routed != null) {
            return routed;
        }
        if (path.startsWith("/api/indicators")) {
            return indicatorsApi(request, path);
        }
        ResponseDefinition action = machineActions.answer(request, path);
        if (action != null) {
            return action;
        }
        if (!"GET".equals(request.getMethod().getName())) {
            return error(405, "MethodNotAllowed", "The fake serves GET only on " + path)
                    .build();
        }
        if (path.equals("/api/machines")) {
            return listMachines(query(request.getUrl()));
        }
        Matcher machine = MACHINE_PATH.matcher(path);
        if (machine.matches()) {
            String id = URLDecoder.decode(machine.group(1), StandardCharsets.UTF_8);
            ObjectNode found;
            synchronized (this) {
                found = machines.get(id);
            }
            if (found == null) {
                return error(404, "ResourceNotFound", "Machine " + id + " was not found")
                        .build();
            }
            if (machine.group(2) != null) {
                ObjectNode body = json.createObjectNode().put("@odata.context", apiUrl() + "api/$metadata#Users");
                body.set("value", logonUsers.getOrDefault(id, json.createArrayNode()));
                return jsonBody(body);
            }
            return jsonBody(found.deepCopy().put("@odata.context", apiUrl() + "api/$metadata#Machines/$entity"));
        }
        return error(404, "NotFound", "Resource not found").build();
    }

    /**
     * Graph ({@code /v1.0/...}, {@code /beta/...}): a Graph token is required, queued failures apply, and the
     * feature fakes registered with {@link #route} answer; anything else is Graph's 404.
     */
    private ResponseDefinition graph(Request request, String path) {
        apiRequests.add(request.getMethod().getName() + " " + request.getUrl());
        String requestId = request.getHeader("client-request-id");
        requestIds.add(requestId == null ? "" : requestId);
        String authorization = request.getHeader("Authorization");
        String presented =
                authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (!"graph".equals(validTokens.get(presented))) {
            return graphError(
                    401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", requestId);
        }
        synchronized (this) {
            if (!queued.isEmpty()) {
                return queued.poll().answer(true, requestId);
            }
        }
        ResponseDefinition routed = routed(request, path, "graph");
        return routed != null
                ? routed
                : graphError(404, "UnknownError", "Resource not found for the segment '" + path + "'.", requestId);
    }

    /** A feature fake: answers requests whose path starts with {@code prefix}, or null to pass them on. */
    public interface Route {
        @Nullable
        ResponseDefinition answer(Request request, String path);
    }

    private record Registered(String prefix, String audience, Route route) {}

    /**
     * Registers a feature fake for paths under {@code prefix}. {@code audience} is the token it needs: {@code
     * "mde"} (under {@code /api/}), {@code "graph"} (under {@code /v1.0/} or {@code /beta/}), or {@code "none"}
     * (a download host such as a blob store, reached without Vigil's bearer token).
     */
    public FakeDefender route(String prefix, String audience, Route route) {
        routes.add(new Registered(prefix, audience, route));
        return this;
    }

    private @Nullable ResponseDefinition routed(Request request, String path, String audience) {
        for (Registered r : routes) {
            if (r.audience().equals(audience) && path.startsWith(r.prefix())) {
                ResponseDefinition answer = r.route().answer(request, path);
                if (answer != null) {
                    return answer;
                }
            }
        }
        return null;
    }

    /** Graph's root: {@code vigil.defender.graph-url} (the same loopback server as Defender's). */
    public URI graphUrl() {
        return apiUrl();
    }

    /** Graph's OData error envelope (external-apis §3.1), echoing the caller's request id. */
    public ResponseDefinition graphError(int status, String code, String message, @Nullable String requestId) {
        ResponseDefinitionBuilder builder = graphErrorBuilder(status, code, message, requestId);
        return (status == 429 ? builder.withHeader("Retry-After", "1") : builder).build();
    }

    private ResponseDefinitionBuilder graphErrorBuilder(
            int status, String code, String message, @Nullable String requestId) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        error.putObject("innerError")
                .put(
                        "date",
                        java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                                .withNano(0)
                                .toString())
                .put("request-id", UUID.randomUUID().toString())
                .put("client-request-id", requestId == null ? "" : requestId);
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json.writeValueAsString(body));
    }

    /** A JSON answer with the given status, as Defender and Graph send it. */
    public ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; odata.metadata=minimal; charset=utf-8")
                .withBody(json.writeValueAsString(body))
                .build();
    }

    private ResponseDefinition listMachines(Map<String, String> query) {
        ResponseDefinition badPaging = badPaging(query);
        if (badPaging != null) {
            return badPaging;
        }
        Predicate<JsonNode> filter = filter(query.get("$filter"));
        if (filter == null) {
            return error(400, "ODataError", "Invalid filter clause: " + query.get("$filter"))
                    .build();
        }
        List<JsonNode> matching;
        synchronized (this) {
            matching = machines.values().stream()
                    .map(m -> (JsonNode) m)
                    .filter(filter)
                    .toList();
        }
        if (matching.isEmpty()) {
            return error(404, "ResourceNotFound", "No machines found").build();
        }
        return page(matching, query, "Machines", "api/machines");
    }

    /** Defender's 400 for a {@code $top} or {@code $skip} that is not a number or out of range; else null. */
    private @Nullable ResponseDefinition badPaging(Map<String, String> query) {
        int top;
        int skip;
        try {
            top = Integer.parseInt(query.getOrDefault("$top", "10000"));
            skip = Integer.parseInt(query.getOrDefault("$skip", "0"));
        } catch (NumberFormatException e) {
            return error(400, "ODataError", "Invalid $top or $skip").build();
        }
        if (top < 1 || top > 10_000 || skip < 0) {
            return error(400, "ODataError", "The limit of '10000' for Top query has been exceeded.")
                    .build();
        }
        return null;
    }

    /**
     * One page of a Defender collection, as Defender gives it: {@code $top} long from {@code $skip}; only
     * without {@code $top} is it shorter, with a nextLink (external-apis §2.1).
     */
    private ResponseDefinition page(List<JsonNode> matching, Map<String, String> query, String entitySet, String path) {
        int skip = Integer.parseInt(query.getOrDefault("$skip", "0"));
        boolean topGiven = query.containsKey("$top");
        int top = topGiven ? Integer.parseInt(query.get("$top")) : pageSize;
        int from = Math.min(skip, matching.size());
        int end = Math.max(from, Math.min(matching.size(), skip + top));
        ObjectNode body = json.createObjectNode().put("@odata.context", apiUrl() + "api/$metadata#" + entitySet);
        ArrayNode value = body.putArray("value");
        matching.subList(from, end).forEach(value::add);
        if (!topGiven && end < matching.size()) {
            StringBuilder next = new StringBuilder(apiUrl() + path + "?$skip=" + end);
            if (query.get("$filter") != null) {
                next.append("&$filter=").append(encode(query.get("$filter")));
            }
            body.put("@odata.nextLink", next.toString());
        }
        return jsonBody(body);
    }

    /** The indicators Defender holds now, oldest first. */
    public synchronized List<JsonNode> indicators() {
        return indicators.values().stream().map(i -> (JsonNode) i.deepCopy()).toList();
    }

    private static final Set<String> INDICATOR_TYPES =
            Set.of("FileSha1", "FileSha256", "FileMd5", "CertificateThumbprint", "IpAddress", "DomainName", "Url");
    private static final Set<String> INDICATOR_ACTIONS =
            Set.of("Alert", "Warn", "Block", "Audit", "BlockAndRemediate", "AlertAndBlock", "Allowed");
    private static final Set<String> INDICATOR_SEVERITIES = Set.of("Informational", "Low", "Medium", "High");
    private static final Pattern INDICATOR_PATH = Pattern.compile("/api/indicators/([^/?]+)");
    private static final Pattern INDICATOR_CLAUSE =
            Pattern.compile("(indicatorValue|indicatorType|action|severity|title) eq '((?:[^']|'')*)'");

    /** external-apis §2.6: submit (an upsert on type and value), import (≤ 500), list, delete. */
    private ResponseDefinition indicatorsApi(Request request, String path) {
        String method = request.getMethod().getName();
        JsonNode body = null;
        if ("POST".equals(method)) {
            try {
                body = json.readTree(request.getBodyAsString());
            } catch (RuntimeException e) {
                return error(400, "InvalidRequestBody", "Request body is not valid JSON")
                        .build();
            }
        }
        if (path.equals("/api/indicators") && "POST".equals(method)) {
            String problem = indicatorProblem(body);
            if (problem != null) {
                return error(400, "InvalidRequestBody", problem).build();
            }
            return jsonBody(upsertIndicator(body)
                    .deepCopy()
                    .put("@odata.context", apiUrl() + "api/$metadata#Indicators/$entity"));
        }
        if (path.equals("/api/indicators/import") && "POST".equals(method)) {
            JsonNode items = body.path("Indicators");
            if (!items.isArray() || items.isEmpty()) {
                return error(400, "InvalidRequestBody", "Indicators list is required")
                        .build();
            }
            if (items.size() > 500) {
                return error(400, "MaximumBatchSizeExceeded", "Maximum number of indicators in a batch is 500")
                        .build();
            }
            ObjectNode answer = json.createObjectNode().put("@odata.context", apiUrl() + "api/$metadata#Collection");
            ArrayNode value = answer.putArray("value");
            for (JsonNode item : items) {
                String problem = indicatorProblem(item);
                ObjectNode result = value.addObject()
                        .put("indicator", item.path("indicatorValue").asString(""));
                if (problem != null) {
                    result.putNull("id").put("isFailed", true).put("failureReason", problem);
                } else {
                    result.put("id", upsertIndicator(item).path("id").asString())
                            .put("isFailed", false)
                            .putNull("failureReason");
                }
            }
            return jsonBody(answer);
        }
        if (path.equals("/api/indicators") && "GET".equals(method)) {
            return listIndicators(query(request.getUrl()));
        }
        Matcher one = INDICATOR_PATH.matcher(path);
        if (one.matches() && "DELETE".equals(method)) {
            synchronized (this) {
                if (indicators.remove(one.group(1)) == null) {
                    return error(404, "ResourceNotFound", "Indicator " + one.group(1) + " was not found")
                            .build();
                }
            }
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(204)
                    .build();
        }
        return error(405, "MethodNotAllowed", "The fake does not serve " + method + " " + path)
                .build();
    }

    /** Defender's refusal message for an indicator body, or null when it would take it. */
    private static String indicatorProblem(JsonNode item) {
        for (String field : List.of("indicatorValue", "indicatorType", "action", "title", "description")) {
            if (!item.path(field).isString() || item.path(field).asString().isBlank()) {
                return "The " + field + " field is required.";
            }
        }
        if (!INDICATOR_TYPES.contains(item.path("indicatorType").asString())) {
            return "Invalid indicatorType: " + item.path("indicatorType").asString();
        }
        if (!INDICATOR_ACTIONS.contains(item.path("action").asString())) {
            return "Invalid action: " + item.path("action").asString();
        }
        if (item.has("severity")
                && !INDICATOR_SEVERITIES.contains(item.path("severity").asString())) {
            return "Invalid severity: " + item.path("severity").asString();
        }
        if ("Audit".equals(item.path("action").asString())
                && !item.path("generateAlert").asBoolean(false)) {
            return "Audit action requires generateAlert to be true";
        }
        if ("IpAddress".equals(item.path("indicatorType").asString())
                && item.path("indicatorValue").asString().contains("/")) {
            return "CIDR notation is not supported for IP indicators";
        }
        return null;
    }

    private synchronized ObjectNode upsertIndicator(JsonNode item) {
        String type = item.path("indicatorType").asString();
        String value = item.path("indicatorValue").asString();
        ObjectNode existing = indicators.values().stream()
                .filter(i -> i.path("indicatorType").asString().equals(type)
                        && i.path("indicatorValue").asString().equals(value))
                .findFirst()
                .orElse(null);
        String now = java.time.Instant.now().toString();
        ObjectNode indicator = existing != null ? existing : json.createObjectNode();
        if (existing == null) {
            String id = Integer.toString(indicatorIds.incrementAndGet());
            indicator
                    .put("id", id)
                    .put("sourceType", "AadApp")
                    .put("createdBy", CLIENT_ID)
                    .put("createdByDisplayName", "Vigil")
                    .put("creationTimeDateTimeUtc", now);
            indicators.put(id, indicator);
        }
        item.properties()
                .forEach(field -> indicator.set(field.getKey(), field.getValue().deepCopy()));
        indicator.put("lastUpdateTime", now);
        if (!indicator.has("rbacGroupNames")) {
            indicator.putArray("rbacGroupNames");
        }
        return indicator;
    }

    private ResponseDefinition listIndicators(Map<String, String> query) {
        ResponseDefinition badPaging = badPaging(query);
        if (badPaging != null) {
            return badPaging;
        }
        String filter = query.get("$filter");
        Map<String, String> wanted = new LinkedHashMap<>();
        if (filter != null) {
            for (String clause : filter.split(" and ")) {
                Matcher m = INDICATOR_CLAUSE.matcher(clause.strip());
                if (!m.matches()) {
                    return error(400, "ODataError", "Invalid filter clause: " + filter)
                            .build();
                }
                wanted.put(m.group(1), m.group(2).replace("''", "'"));
            }
        }
        List<JsonNode> matching;
        synchronized (this) {
            matching = indicators.values().stream()
                    .filter(i -> wanted.entrySet().stream()
                            .allMatch(w -> i.path(w.getKey()).asString("").equals(w.getValue())))
                    .map(i -> (JsonNode) i.deepCopy())
                    .toList();
        }
        return page(matching, query, "Indicators", "api/indicators");
    }

    /** The few $filter forms Vigil sends; null for anything else, which Defender would call an ODataError. */
    private static Predicate<JsonNode> filter(String filter) {
        if (filter == null) {
            return m -> true;
        }
        Matcher startsWith = Pattern.compile("startswith\\(computerDnsName,'((?:[^']|'')*)'\\)")
                .matcher(filter);
        if (startsWith.matches()) {
            String prefix = startsWith.group(1).replace("''", "'").toLowerCase(Locale.ROOT);
            return m -> m.path("computerDnsName")
                    .asString("")
                    .toLowerCase(Locale.ROOT)
                    .startsWith(prefix);
        }
        Matcher equals =
                Pattern.compile("(lastIpAddress|healthStatus|id) eq '([^']*)'").matcher(filter);
        if (equals.matches()) {
            return m -> m.path(equals.group(1)).asString("").equals(equals.group(2));
        }
        return null;
    }

    ResponseDefinition jsonBody(JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; odata.metadata=minimal; charset=utf-8")
                .withBody(json.writeValueAsString(body))
                .build();
    }

    ResponseDefinitionBuilder error(int status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error")
                .put("code", code)
                .put("message", message)
                .put("target", UUID.randomUUID().toString());
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json.writeValueAsString(body));
    }

    private ResponseDefinition aadError(int status, String error, int code, String description) {
        String traceId = UUID.randomUUID().toString();
        ObjectNode body = json.createObjectNode()
                .put("error", error)
                .put(
                        "error_description",
                        "AADSTS" + code + ": " + description + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: "
                                + UUID.randomUUID() + "\r\nTimestamp: 2026-11-26 03:00:00Z")
                .put("timestamp", "2026-11-26 03:00:00Z")
                .put("trace_id", traceId)
                .put("correlation_id", UUID.randomUUID().toString())
                .put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        body.putArray("error_codes").add(code);
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json.writeValueAsString(body))
                .build();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    static Map<String, String> query(String url) {
        String raw = URI.create(url).getRawQuery();
        return raw == null ? Map.of() : form(raw);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void keytool(Path store) throws IOException {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "fake-defender",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        TLS_PASSWORD,
                        "-keypass",
                        TLS_PASSWORD)
                .redirectErrorStream(true)
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running keytool", e);
        }
    }
}
