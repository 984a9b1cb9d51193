package dev.vigil.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.Grants;
import dev.vigil.access.KeyScope;
import dev.vigil.access.NewApiKey;
import dev.vigil.access.Permission;
import dev.vigil.access.PublicEndpoint;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The endpoint × role matrix, generated from the application's own request mappings: every handler method
 * declares a permission (or says why it is public), and every endpoint answers each kind of caller as the
 * permission matrix says, over real HTTP against a real PostgreSQL. A new endpoint without a declaration
 * fails here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            // The matrix calls every endpoint without a key from one address: more than the anonymous bucket
            // allows a minute, which is not what this test is about (web.RateLimitIT is).
            "vigil.rate-limit.anonymous.capacity=100000"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointRoleMatrixIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ServerDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys keys;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** The callers of the matrix; a null key is a request without one. */
    private record Caller(String name, @Nullable String key, Set<Permission> holds) {}

    private final List<Caller> callers = new ArrayList<>();

    @BeforeAll
    void callers() {
        for (Role role : Role.values()) {
            callers.add(new Caller(
                    role.id(), keys.create("matrix " + role.id(), role).key(), Grants.permissions(role, Set.of())));
        }
        Set<KeyScope> ingest = Set.of(KeyScope.INGEST);
        callers.add(new Caller(
                "ingest-scoped analyst key",
                keys.create(new NewApiKey("matrix sensor", Role.ANALYST, null, null, ingest))
                        .key(),
                Grants.permissions(Role.ANALYST, ingest)));
        callers.add(new Caller("no key", null, Set.of()));
    }

    @Test
    void everyEndpointDeclaresWhatItNeeds() {
        // Read the annotations directly, not through the code under test.
        List<String> undeclared = mappings.getHandlerMethods().values().stream()
                .filter(h -> h.getBeanType().getPackageName().startsWith("dev.vigil"))
                .filter(h -> !declares(h.getMethod()) && !declares(h.getBeanType()))
                .map(HandlerMethod::toString)
                .toList();
        assertThat(undeclared)
                .as("handler methods without @RequiresPermission or @PublicEndpoint")
                .isEmpty();
        assertThat(endpoints()).as("the application's own endpoints were found").hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (Endpoint endpoint : endpoints()) {
            for (Caller caller : callers) {
                HttpResponse<String> response = new Http(port)
                        .send(
                                endpoint.method(),
                                endpoint.samplePath(),
                                caller.key(),
                                endpoint.body(),
                                endpoint.contentType());
                requests++;
                int status = response.statusCode();
                String expected = expectation(endpoint, caller);
                boolean ok = switch (expected) {
                    case "401" -> status == 401;
                    case "403" ->
                        status == 403
                                && response.body()
                                        .contains(((EndpointRule.Needs) endpoint.rule())
                                                .permission()
                                                .id());
                    // Allowed: not refused for who the caller is. Other refusals (a missing CSRF token on a
                    // form, a 400 for the minimal body) are the endpoint's own business.
                    default ->
                        status != 401 && !(status == 403 && response.body().contains("urn:vigil:problem:forbidden"));
                };
                if (!ok) {
                    wrong.add(endpoint + " as " + caller.name() + ": expected " + expected + ", got " + status + " "
                            + response.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(requests).isEqualTo(endpoints().size() * callers.size());
    }

    private static boolean declares(java.lang.reflect.AnnotatedElement element) {
        return AnnotatedElementUtils.hasAnnotation(element, RequiresPermission.class)
                || AnnotatedElementUtils.hasAnnotation(element, PublicEndpoint.class);
    }

    @Test
    void actuatorEndpointsFollowTheSameMatrix() throws Exception {
        Http http = new Http(port);
        assertThat(http.get("/actuator/health", null).statusCode()).isEqualTo(200);
        for (Caller caller : callers) {
            int status = http.get("/actuator/prometheus", caller.key()).statusCode();
            int expected = caller.key() == null ? 401 : caller.holds().contains(Permission.METRICS_READ) ? 200 : 403;
            assertThat(status).as("prometheus as " + caller.name()).isEqualTo(expected);
        }
    }

    private static String expectation(Endpoint endpoint, Caller caller) {
        if (endpoint.rule() instanceof EndpointRule.Open) {
            return "allowed";
        }
        if (caller.key() == null) {
            return "401";
        }
        if (!(endpoint.rule() instanceof EndpointRule.Needs)) {
            return "403 (declares nothing)";
        }
        Permission needed = ((EndpointRule.Needs) endpoint.rule()).permission();
        return caller.holds().contains(needed) ? "allowed" : "403";
    }

    @Test
    void theKeyAndUserEndpointsAreForAdminsOnly() {
        Map<String, Permission> needs = new java.util.HashMap<>();
        for (Endpoint e : endpoints()) {
            if (e.rule() instanceof EndpointRule.Needs n) {
                needs.put(e.method() + " " + e.pattern(), n.permission());
            }
        }
        assertThat(needs)
                .containsEntry("GET /api/v1/keys", Permission.KEYS_MANAGE)
                .containsEntry("POST /api/v1/keys", Permission.KEYS_MANAGE)
                .containsEntry("DELETE /api/v1/keys/{id}", Permission.KEYS_MANAGE)
                .containsEntry("GET /api/v1/users", Permission.USERS_MANAGE)
                .containsEntry("POST /api/v1/users", Permission.USERS_MANAGE)
                .containsEntry("PATCH /api/v1/users/{name}", Permission.USERS_MANAGE)
                .containsEntry("POST /api/v1/alerts", Permission.ALERTS_INGEST)
                .containsEntry("GET /api/v1/alerts", Permission.ALERTS_READ);
    }

    /** One method of one path pattern, with what its handler declares. */
    private record Endpoint(
            String method, String pattern, @Nullable MediaType consumes, EndpointRule rule) {

        private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

        /** The pattern with each variable filled by a syntactically valid value. */
        String samplePath() {
            Matcher m = VARIABLE.matcher(pattern);
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                String variable = m.group(1);
                String value = variable.toLowerCase(java.util.Locale.ROOT).endsWith("id")
                        ? UUID.randomUUID().toString()
                        : "matrix-nobody";
                m.appendReplacement(path, value);
            }
            m.appendTail(path);
            return path.toString();
        }

        @Nullable
        String body() {
            return Set.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null;
        }

        String contentType() {
            return consumes == null ? MediaType.APPLICATION_JSON_VALUE : consumes.toString();
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** The application's own handler methods (Spring's error controller is not ours to annotate). */
    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("dev.vigil")) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            MediaType consumes = info.getConsumesCondition().getConsumableMediaTypes().stream()
                    .filter(t -> t.isCompatibleWith(MediaType.APPLICATION_JSON))
                    .findFirst()
                    .orElse(info.getConsumesCondition().getConsumableMediaTypes().stream()
                            .findFirst()
                            .orElse(null));
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method.name(), pattern, consumes, EndpointRule.of(handler)));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return endpoints;
    }
}
