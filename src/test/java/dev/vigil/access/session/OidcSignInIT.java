package dev.vigil.access.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign-in through OpenID Connect against a fake provider on loopback (discovery, an RS256-signed ID token
 * with groups), ending in a session of Vigil's own; PostgreSQL server on 127.0.0.1:5432, a schema of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            // Every sign-in is anonymous until it succeeds: the per-IP limit is RateLimitIT's to test, not ours.
            "vigil.rate-limit.anonymous.capacity=100000"
        })
class OidcSignInIT {

    private static final String ANALYSTS = "6f1c2b9e-0000-4000-8000-00000000a11a";
    private static final String ADMINS = "6f1c2b9e-0000-4000-8000-00000000ad01";
    private static final FakeOidcProvider PROVIDER = start();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient plain =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_oidc_");
        registry.add("vigil.access.oidc.enabled", () -> "true");
        registry.add("vigil.access.oidc.issuer-uri", PROVIDER::issuer);
        registry.add("vigil.access.oidc.client-id", () -> FakeOidcProvider.CLIENT_ID);
        registry.add("vigil.access.oidc.client-secret", () -> FakeOidcProvider.CLIENT_SECRET);
        registry.add("vigil.access.oidc.group-roles[" + ANALYSTS + "]", () -> "analyst");
        registry.add("vigil.access.oidc.group-roles[" + ADMINS + "]", () -> "admin");
    }

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @Test
    void aGroupMemberSignsInWithTheHighestRoleTheirGroupsGiveAndGetsOurSession() throws Exception {
        String subject = UUID.randomUUID().toString();
        Browser browser = new Browser(port);
        PROVIDER.signInAs(
                new FakeOidcProvider.Identity(subject, "Carol@Example.test", List.of("other", ANALYSTS, ADMINS)));

        HttpResponse<String> done = signInThroughProvider(browser);

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/");
        assertThat(Browser.setCookies(done, SessionCookies.NAME))
                .singleElement()
                .satisfies(c -> assertThat(c).contains("HttpOnly", "SameSite=Lax"));
        JsonNode session = json.readTree(browser.getJson("/api/v1/session").body());
        assertThat(session.path("user").asString()).isEqualTo("user:carol@example.test");
        assertThat(session.path("role").asString()).isEqualTo("admin");
        assertThat(jdbc.queryForObject(
                        "select role from vigil_user where oidc_subject = ?",
                        String.class,
                        PROVIDER.issuer() + "#" + subject))
                .isEqualTo("admin");
        assertThat(jdbc.queryForObject(
                        "select details->>'method' from audit_log where action = 'login.success' and actor = ?",
                        String.class,
                        "user:carol@example.test"))
                .isEqualTo("oidc");

        // Taken out of the admins' group: the next sign-in is the same user, as an analyst.
        Browser later = new Browser(port);
        PROVIDER.signInAs(new FakeOidcProvider.Identity(subject, "Carol@Example.test", List.of(ANALYSTS)));
        signInThroughProvider(later);
        assertThat(json.readTree(later.getJson("/api/v1/session").body())
                        .path("role")
                        .asString())
                .isEqualTo("analyst");
        assertThat(jdbc.queryForObject(
                        "select count(*) from vigil_user where oidc_subject = ?",
                        Integer.class,
                        PROVIDER.issuer() + "#" + subject))
                .isOne();
    }

    @Test
    void aUserInNoMappedGroupIsRefusedAndNotCreated() throws Exception {
        String subject = UUID.randomUUID().toString();
        Browser browser = new Browser(port);
        PROVIDER.signInAs(new FakeOidcProvider.Identity(subject, "mallory", List.of("some-other-group")));

        HttpResponse<String> done = signInThroughProvider(browser);

        assertThat(done.headers().firstValue("Location")).hasValue("/login?error");
        assertThat(Browser.setCookies(done, SessionCookies.NAME)).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from vigil_user where oidc_subject = ?",
                        Integer.class,
                        PROVIDER.issuer() + "#" + subject))
                .isZero();
    }

    @Test
    void aDisabledUserStaysOutWhateverTheirGroups() throws Exception {
        String subject = UUID.randomUUID().toString();
        PROVIDER.signInAs(new FakeOidcProvider.Identity(subject, "dave", List.of(ADMINS)));
        signInThroughProvider(new Browser(port));
        jdbc.update(
                "update vigil_user set disabled_at = now() where oidc_subject = ?", PROVIDER.issuer() + "#" + subject);

        HttpResponse<String> again = signInThroughProvider(new Browser(port));

        assertThat(again.headers().firstValue("Location")).hasValue("/login?error");
        assertThat(Browser.setCookies(again, SessionCookies.NAME)).isEmpty();
    }

    @Test
    void anIdTokenNotSignedByTheProvidersKeyIsRefused() throws Exception {
        String subject = UUID.randomUUID().toString();
        PROVIDER.signInAs(new FakeOidcProvider.Identity(subject, "eve", List.of(ADMINS)));
        PROVIDER.forgeNextToken();

        HttpResponse<String> done = signInThroughProvider(new Browser(port));

        assertThat(done.headers().firstValue("Location")).hasValue("/login?error");
        assertThat(Browser.setCookies(done, SessionCookies.NAME)).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from vigil_user where oidc_subject = ?",
                        Integer.class,
                        PROVIDER.issuer() + "#" + subject))
                .isZero();
    }

    @Test
    void theSignInPageOffersSingleSignOn() {
        assertThat(new Browser(port).get("/login", "text/html").body()).contains("/oauth2/authorization/oidc");
    }

    /** What the browser does: to Vigil, redirected to the provider, redirected back to Vigil's callback. */
    private HttpResponse<String> signInThroughProvider(Browser browser) throws Exception {
        HttpResponse<String> start = browser.get("/oauth2/authorization/oidc", "text/html");
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(PROVIDER.issuer() + "/authorize");
        HttpResponse<Void> provider =
                plain.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.discarding());
        String callback = provider.headers().firstValue("Location").orElseThrow();
        return browser.get(callback, "text/html");
    }

    private static FakeOidcProvider start() {
        try {
            return new FakeOidcProvider();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
