package dev.vigil.access.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.session.SessionProperties.SecureCookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SessionCookiesTest {

    @Test
    void theCookieIsSecureWhenTheRequestCameOverTlsUnlessConfiguredOtherwise() {
        assertThat(issued(SecureCookie.AUTO, true)).contains("; Secure");
        assertThat(issued(SecureCookie.AUTO, false)).doesNotContain("Secure");
        assertThat(issued(SecureCookie.ALWAYS, false)).contains("; Secure");
        assertThat(issued(SecureCookie.NEVER, true)).doesNotContain("Secure");
    }

    @Test
    void theCookieIsHttpOnlyLaxForTheWholeSiteAndEndsWithTheBrowser() {
        assertThat(issued(SecureCookie.AUTO, true))
                .startsWith("VIGIL_SESSION=token;")
                .contains("; Path=/", "; HttpOnly", "; SameSite=Lax")
                .doesNotContain("Max-Age", "Expires", "Domain");
    }

    @Test
    void expiringTheCookieEmptiesItAtOnce() {
        var response = new MockHttpServletResponse();
        cookies(SecureCookie.AUTO).expire(new MockHttpServletRequest(), response);
        assertThat(response.getHeader("Set-Cookie"))
                .startsWith("VIGIL_SESSION=;")
                .contains("Max-Age=0");
    }

    @Test
    void theLoginFormsCsrfCookieFollowsTheSamePolicyAndStaysOnTheForm() {
        var request = new MockHttpServletRequest("GET", "/login");
        var response = new MockHttpServletResponse();
        var tokens = new SessionCsrfTokens(properties(SecureCookie.ALWAYS));
        tokens.saveToken(tokens.generateToken(request), request, response);
        assertThat(response.getHeader("Set-Cookie"))
                .startsWith(SessionCsrfTokens.LOGIN_COOKIE + "=")
                .contains("; Path=/login", "; Secure", "; HttpOnly"); // SameSite: see SessionLoginIT (Tomcat writes it)
    }

    @Test
    void onlyChangesMadeWithASessionAndTheLoginFormNeedACsrfToken() {
        assertThat(SessionCsrfTokens.required(new MockHttpServletRequest("POST", "/login")))
                .isTrue();
        assertThat(SessionCsrfTokens.required(new MockHttpServletRequest("GET", "/login")))
                .isFalse();
        assertThat(SessionCsrfTokens.required(new MockHttpServletRequest("POST", "/api/v1/alerts")))
                .as("no session: the request is refused as unauthenticated, or an API key authenticates it")
                .isFalse();
        var withSession = new MockHttpServletRequest("PATCH", "/api/v1/alerts/x");
        withSession.setAttribute(
                ActiveSession.ATTRIBUTE,
                new ActiveSession(
                        "token",
                        new SignedInUser(java.util.UUID.randomUUID(), "alice", dev.vigil.access.Role.ANALYST),
                        "csrf",
                        java.time.Instant.now()));
        assertThat(SessionCsrfTokens.required(withSession)).isTrue();
    }

    private static String issued(SecureCookie policy, boolean secureRequest) {
        var request = new MockHttpServletRequest();
        request.setSecure(secureRequest);
        var response = new MockHttpServletResponse();
        cookies(policy).issue(request, response, "token");
        return response.getHeader("Set-Cookie");
    }

    private static SessionCookies cookies(SecureCookie policy) {
        return new SessionCookies(properties(policy));
    }

    private static SessionProperties properties(SecureCookie policy) {
        return new SessionProperties(policy, Duration.ofHours(8), Duration.ofMinutes(30), Duration.ofMinutes(10));
    }
}
