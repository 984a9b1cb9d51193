package dev.vigil.access.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dashboard sign-in, sessions, CSRF and sign-out as a browser meets them: real HTTP with a cookie jar,
 * against the PostgreSQL server on 127.0.0.1:5432 (a schema of its own), with a clock the tests move.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            // Every sign-in is anonymous until it succeeds: the per-IP limit is RateLimitIT's to test, not ours.
            "vigil.rate-limit.anonymous.capacity=100000"
        })
class SessionLoginIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String ALERT = """
            {"id":"s-1","severity":"High","title":"Session test alert","alertCreationTime":"2026-11-21T08:00:00Z"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    ApiKeys keys;

    @Autowired
    ExpiredSessionPurge purge;

    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String schema = "vigil_sessions_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = System.getenv().getOrDefault("VIGIL_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add(
                "spring.datasource.username", () -> System.getenv().getOrDefault("VIGIL_TEST_DB_USER", "postgres"));
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Test
    void signingInSetsAnHttpOnlyLaxCookieThatOpensTheDashboardAndTheApi() throws Exception {
        String name = user(Role.ENGINEER);
        Browser browser = new Browser(port);
        HttpResponse<String> form = browser.get("/login", "text/html");
        assertThat(Browser.setCookies(form, SessionCsrfTokens.LOGIN_COOKIE))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/login"));
        assertThat(form.body()).doesNotContain("<script", "style=");

        HttpResponse<String> signIn = browser.signIn(name, PASSWORD);

        assertThat(signIn.statusCode()).isEqualTo(303);
        assertThat(signIn.headers().firstValue("Location")).hasValue("/");
        List<String> cookie = Browser.setCookies(signIn, SessionCookies.NAME);
        assertThat(cookie).hasSize(1);
        assertThat(cookie.get(0)).contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure", "Max-Age");
        String token = browser.cookie(SessionCookies.NAME).orElseThrow();
        assertThat(token).hasSize(SessionTokens.LENGTH);
        // Only the token's SHA-256 is stored.
        assertThat(jdbc.queryForObject(
                        "select encode(token_hash, 'hex') from user_session s join vigil_user u on u.id = s.user_id"
                                + " where u.name = ?",
                        String.class,
                        name))
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(token.getBytes(StandardCharsets.US_ASCII))));

        HttpResponse<String> dashboard = browser.get("/", "text/html");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("/assets/dashboard.js").doesNotContain("<script>", "style=");

        JsonNode session = json.readTree(browser.getJson("/api/v1/session").body());
        assertThat(session.path("user").asString()).isEqualTo("user:" + name);
        assertThat(session.path("role").asString()).isEqualTo("engineer");
        assertThat(session.path("permissions"))
                .extracting(JsonNode::asString)
                .contains("alerts:read", "defender:respond")
                .doesNotContain("users:manage");
        assertThat(session.path("csrfToken").asString()).hasSize(SessionTokens.LENGTH);
        assertThat(browser.getJson("/api/v1/alerts").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordAnUnknownNameAndADisabledAccountGetTheSameAnswer() {
        String name = user(Role.ANALYST);
        String disabled = user(Role.ANALYST);
        jdbc.update("update vigil_user set disabled_at = now() where name = ?", disabled);

        List<HttpResponse<String>> refusals = List.of(
                new Browser(port).signIn(name, "wrong"),
                new Browser(port).signIn("nobody-" + UUID.randomUUID(), PASSWORD),
                new Browser(port).signIn(disabled, PASSWORD));

        for (HttpResponse<String> refusal : refusals) {
            assertThat(refusal.statusCode()).isEqualTo(303);
            assertThat(refusal.headers().firstValue("Location")).hasValue("/login?error");
            assertThat(Browser.setCookies(refusal, SessionCookies.NAME)).isEmpty();
        }
        HttpResponse<String> page = new Browser(port).get("/login?error", "text/html");
        assertThat(page.body()).contains(LoginPage.REFUSED);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOneUntilTheLockoutEnds() {
        String name = user(Role.ANALYST);
        Browser browser = new Browser(port);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.signIn(name, "wrong " + i).headers().firstValue("Location"))
                    .hasValue("/login?error");
        }

        assertThat(browser.signIn(name, PASSWORD).headers().firstValue("Location"))
                .hasValue("/login?error");
        clock.advance(Duration.ofMinutes(14));
        assertThat(browser.signIn(name, PASSWORD).headers().firstValue("Location"))
                .hasValue("/login?error");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(browser.signIn(name, PASSWORD).headers().firstValue("Location"))
                .hasValue("/");
        assertThat(jdbc.queryForObject("select failed_logins from vigil_user where name = ?", Integer.class, name))
                .isZero();
    }

    @Test
    void aSuccessResetsTheCountOfFailures() {
        String name = user(Role.ANALYST);
        Browser browser = new Browser(port);
        for (int i = 0; i < 4; i++) {
            browser.signIn(name, "wrong");
        }
        assertThat(browser.signIn(name, PASSWORD).headers().firstValue("Location"))
                .hasValue("/");
        Browser another = new Browser(port);
        for (int i = 0; i < 4; i++) {
            another.signIn(name, "wrong");
        }
        assertThat(another.signIn(name, PASSWORD).headers().firstValue("Location"))
                .hasValue("/");
    }

    @Test
    void aSessionIdleForThirtyMinutesEnds() {
        Browser browser = signedIn(user(Role.ANALYST));

        clock.advance(Duration.ofMinutes(29));
        assertThat(browser.getJson("/api/v1/session").statusCode()).isEqualTo(200); // and counts as activity
        clock.advance(Duration.ofMinutes(29));
        assertThat(browser.getJson("/api/v1/session").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));
        assertThat(browser.getJson("/api/v1/session").statusCode()).isEqualTo(401);
        assertThat(browser.get("/", "text/html").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void lastSeenIsWrittenAtMostOnceAMinute() {
        String name = user(Role.ANALYST);
        Browser browser = signedIn(name);
        String lastSeen = "select s.last_seen_at::text from user_session s join vigil_user u on u.id = s.user_id"
                + " where u.name = ?";
        String atSignIn = jdbc.queryForObject(lastSeen, String.class, name);

        clock.advance(Duration.ofSeconds(30));
        browser.getJson("/api/v1/session");
        assertThat(jdbc.queryForObject(lastSeen, String.class, name)).isEqualTo(atSignIn);

        clock.advance(Duration.ofSeconds(31));
        browser.getJson("/api/v1/session");
        assertThat(jdbc.queryForObject(lastSeen, String.class, name)).isNotEqualTo(atSignIn);
    }

    @Test
    void aSessionEndsEightHoursAfterSignInHoweverBusy() {
        Browser browser = signedIn(user(Role.ANALYST));
        for (int i = 0; i < 19; i++) { // 7 h 55 min of activity every 25 minutes
            clock.advance(Duration.ofMinutes(25));
            assertThat(browser.getJson("/api/v1/session").statusCode()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(6));
        assertThat(browser.getJson("/api/v1/session").statusCode()).isEqualTo(401);
    }

    @Test
    void aChangeMadeWithTheSessionCookieNeedsTheSessionsCsrfToken() throws Exception {
        String name = user(Role.ANALYST);
        Browser browser = signedIn(name);
        String csrf = json.readTree(browser.getJson("/api/v1/session").body())
                .path("csrfToken")
                .asString();

        HttpResponse<String> without = browser.post("/api/v1/alerts", "application/json", ALERT);
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(json.readTree(without.body()).path("type").asString()).isEqualTo("urn:vigil:problem:csrf");
        assertThat(browser.post(
                                "/api/v1/alerts",
                                "application/json",
                                ALERT,
                                "X-CSRF-Token",
                                csrf.replace('A', 'B') + "x")
                        .statusCode())
                .isEqualTo(403);
        assertThat(browser.post("/api/v1/alerts", "application/json", ALERT, "X-CSRF-Token", csrf)
                        .statusCode())
                .isEqualTo(202);
        // Both refusals are in the audit log with the session's user, then the accepted request.
        assertThat(jdbc.queryForList(
                        "select outcome || ' ' || coalesce(details->>'reason', '-') from audit_log"
                                + " where actor = ? and action = 'http.post' order by seq",
                        String.class,
                        "user:" + name))
                .containsExactly(
                        "DENIED csrf token missing or invalid", "DENIED csrf token missing or invalid", "SUCCESS -");
    }

    @Test
    void anApiKeyTakesPrecedenceOverTheCookieAndNeedsNoCsrfToken() {
        Browser browser = signedIn(user(Role.ANALYST));
        String key =
                keys.create("sessions test " + UUID.randomUUID(), Role.ANALYST).key();

        assertThat(browser.post("/api/v1/alerts", "application/json", ALERT, "Authorization", "Bearer " + key)
                        .statusCode())
                .isEqualTo(202);
        // A wrong key is refused even though the cookie would have been good.
        assertThat(browser.post(
                                "/api/v1/alerts",
                                "application/json",
                                ALERT,
                                "Authorization",
                                "Bearer vgl_" + "x".repeat(43))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theLoginFormIsRefusedWithoutItsCsrfToken() {
        String name = user(Role.ANALYST);
        Browser browser = new Browser(port);
        String token = browser.loginFormToken();

        assertThat(browser.postForm("/login", Map.of("username", name, "password", PASSWORD))
                        .statusCode())
                .isEqualTo(403);
        assertThat(browser.postForm("/login", Map.of("username", name, "password", PASSWORD, "_csrf", "forged"))
                        .statusCode())
                .isEqualTo(403);
        // Another browser (no form cookie), as a cross-site form would post it, with a token copied from a page.
        assertThat(new Browser(port)
                        .postForm("/login", Map.of("username", name, "password", PASSWORD, "_csrf", token))
                        .statusCode())
                .isEqualTo(403);
        assertThat(browser.postForm("/login", Map.of("username", name, "password", PASSWORD, "_csrf", token))
                        .headers()
                        .firstValue("Location"))
                .hasValue("/");
    }

    @Test
    void signingOutEndsTheSessionSoTheOldCookieOpensNothing() throws Exception {
        Browser browser = signedIn(user(Role.ANALYST));
        String token = browser.cookie(SessionCookies.NAME).orElseThrow();
        String csrf = json.readTree(browser.getJson("/api/v1/session").body())
                .path("csrfToken")
                .asString();

        assertThat(browser.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.getJson("/api/v1/session").statusCode()).isEqualTo(200);

        HttpResponse<String> signOut = browser.postForm("/logout", Map.of("_csrf", csrf));
        assertThat(signOut.statusCode()).isEqualTo(303);
        assertThat(signOut.headers().firstValue("Location")).hasValue("/login?signedout");
        assertThat(Browser.setCookies(signOut, SessionCookies.NAME))
                .anySatisfy(c -> assertThat(c).contains("Max-Age=0"));

        Browser thief = new Browser(port);
        thief.plant(SessionCookies.NAME, token);
        assertThat(thief.getJson("/api/v1/session").statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionIdPlantedBeforeSignInIsNeverTheOneSignedIn() throws Exception {
        String name = user(Role.ANALYST);
        // The attacker's own valid session, planted in the victim's browser.
        Browser attacker = signedIn(user(Role.ANALYST));
        String planted = attacker.cookie(SessionCookies.NAME).orElseThrow();
        Browser victim = new Browser(port);
        String form = victim.loginFormToken();
        victim.plant(SessionCookies.NAME, planted);

        HttpResponse<String> signIn = victim.signIn(name, PASSWORD, form);
        assertThat(signIn.headers().firstValue("Location")).hasValue("/");

        assertThat(Browser.setCookies(signIn, SessionCookies.NAME))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie).doesNotContain(planted));
        assertThat(victim.cookie(SessionCookies.NAME)).isPresent().get().isNotEqualTo(planted);
        assertThat(json.readTree(victim.getJson("/api/v1/session").body())
                        .path("user")
                        .asString())
                .isEqualTo("user:" + name);
        // The planted session ended with the sign-in, so the attacker learns nothing from it either.
        assertThat(attacker.getJson("/api/v1/session").statusCode()).isEqualTo(401);
    }

    @Test
    void disablingAUserEndsTheirSessions() {
        String name = user(Role.ADMIN);
        Browser browser = signedIn(name);
        assertThat(browser.getJson("/api/v1/session").statusCode()).isEqualTo(200);

        jdbc.update("update vigil_user set disabled_at = now() where name = ?", name);

        assertThat(browser.getJson("/api/v1/session").statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject(
                        "select count(*) from user_session s join vigil_user u on u.id = s.user_id where u.name = ?",
                        Integer.class,
                        name))
                .isZero();
    }

    @Test
    void aBrowserThatIsNotSignedInIsSentToTheFormAndAnApiClientGetsAProblem() throws Exception {
        Browser browser = new Browser(port);
        assertThat(browser.get("/", "text/html").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        HttpResponse<String> api = browser.getJson("/api/v1/alerts");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(json.readTree(api.body()).path("type").asString()).isEqualTo("urn:vigil:problem:unauthenticated");
        assertThat(browser.get("/assets/dashboard.js", "*/*").statusCode()).isEqualTo(200);
    }

    @Test
    void signInsFailuresLocksAndSignOutsAreAudited() throws Exception {
        String name = user(Role.ANALYST);
        Browser browser = new Browser(port);
        for (int i = 0; i < 5; i++) {
            browser.signIn(name, "wrong");
        }
        clock.advance(Duration.ofMinutes(16));
        browser.signIn(name, PASSWORD);
        String csrf = json.readTree(browser.getJson("/api/v1/session").body())
                .path("csrfToken")
                .asString();
        browser.postForm("/logout", Map.of("_csrf", csrf));

        List<String> actions = jdbc.queryForList(
                "select action || ' ' || outcome from audit_log where target = ? order by seq",
                String.class,
                "user:" + name);
        assertThat(actions)
                .containsExactly(
                        "login.failed FAILURE",
                        "login.failed FAILURE",
                        "login.failed FAILURE",
                        "login.failed FAILURE",
                        "login.failed FAILURE",
                        "login.locked DENIED",
                        "login.success SUCCESS",
                        "logout SUCCESS");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_log where details::text like ?", Integer.class, "%wrong%"))
                .isZero();
    }

    @Test
    void endedSessionsArePurged() {
        String idle = user(Role.ANALYST);
        String active = user(Role.ANALYST);
        signedIn(idle);
        clock.advance(Duration.ofMinutes(20));
        Browser stillHere = signedIn(active);
        clock.advance(Duration.ofMinutes(20));

        purge.purge();

        String count = "select count(*) from user_session s join vigil_user u on u.id = s.user_id where u.name = ?";
        assertThat(jdbc.queryForObject(count, Integer.class, idle)).isZero();
        assertThat(jdbc.queryForObject(count, Integer.class, active)).isOne();
        assertThat(stillHere.getJson("/api/v1/session").statusCode()).isEqualTo(200);
    }

    private Browser signedIn(String name) {
        Browser browser = new Browser(port);
        HttpResponse<String> signIn = browser.signIn(name, PASSWORD);
        assertThat(signIn.headers().firstValue("Location")).hasValue("/");
        return browser;
    }

    /** A user with the test password, inserted as the users feature stores them. */
    private String user(Role role) {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update(
                "insert into vigil_user (id, name, role, password_hash, created_at) values (?, ?, ?, ?, now())",
                UUID.randomUUID(),
                name,
                role.id(),
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
        return name;
    }
}
