package dev.vigil.access.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Where Spring Security's CSRF filter finds the expected token. A signed-in request: the token stored with
 * its session (so it is the same on every instance, and dies with the session). The login form, which has
 * no session yet: a double-submit cookie ({@code VIGIL_LOGIN_CSRF}), so another site cannot sign a browser
 * into an account of the attacker's choosing.
 */
final class SessionCsrfTokens implements CsrfTokenRepository {

    static final String HEADER = "X-CSRF-Token";
    static final String PARAMETER = "_csrf";
    static final String LOGIN_PATH = "/login";
    static final String LOGIN_COOKIE = "VIGIL_LOGIN_CSRF";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final CookieCsrfTokenRepository loginForm = new CookieCsrfTokenRepository();

    SessionCsrfTokens(SessionProperties properties) {
        loginForm.setCookieName(LOGIN_COOKIE);
        loginForm.setHeaderName(HEADER);
        loginForm.setParameterName(PARAMETER);
        loginForm.setCookiePath(LOGIN_PATH);
        // Secure follows the request unless configured otherwise, as for the session cookie.
        loginForm.setCookieCustomizer(cookie -> {
            cookie.httpOnly(true).sameSite("Strict");
            switch (properties.secureCookie()) {
                case ALWAYS -> cookie.secure(true);
                case NEVER -> cookie.secure(false);
                case AUTO -> {}
            }
        });
    }

    /**
     * Which requests must carry the token: state-changing ones that a session cookie authenticates, and the
     * login form. Requests with {@code Authorization: Bearer} carry no ambient credential, so need none.
     */
    static boolean required(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        return isLoginForm(request) || session(request) != null;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return new DefaultCsrfToken(HEADER, PARAMETER, SessionTokens.newToken());
    }

    @Override
    public void saveToken(@Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (usesSession(request)) {
            return; // fixed for the session's life: stored with it at sign-in
        }
        loginForm.saveToken(token, request, response);
    }

    @Override
    public @Nullable CsrfToken loadToken(HttpServletRequest request) {
        ActiveSession session = session(request);
        if (session != null && !isLoginForm(request)) {
            return new DefaultCsrfToken(HEADER, PARAMETER, session.csrfToken());
        }
        return loginForm.loadToken(request);
    }

    /** Drops the login form's cookie once it has served. */
    void clearLoginToken(HttpServletRequest request, HttpServletResponse response) {
        loginForm.saveToken(null, request, response);
    }

    private static boolean usesSession(HttpServletRequest request) {
        return session(request) != null && !isLoginForm(request);
    }

    private static boolean isLoginForm(HttpServletRequest request) {
        return LOGIN_PATH.equals(
                request.getRequestURI().substring(request.getContextPath().length()));
    }

    private static @Nullable ActiveSession session(HttpServletRequest request) {
        return (ActiveSession) request.getAttribute(ActiveSession.ATTRIBUTE);
    }
}
