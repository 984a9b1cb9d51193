package dev.vigil.access.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The {@code VIGIL_SESSION} cookie: HttpOnly (no script reads it), SameSite=Lax (other sites' forms and
 * scripts do not send it), Path=/, Secure as configured. No Max-Age: the browser drops it when it closes,
 * and the server enforces the lifetimes whatever the browser keeps.
 */
@Component
class SessionCookies {

    static final String NAME = "VIGIL_SESSION";

    private final SessionProperties properties;

    SessionCookies(SessionProperties properties) {
        this.properties = properties;
    }

    void issue(HttpServletRequest request, HttpServletResponse response, String token) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, token).build().toString());
    }

    /** Tells the browser to drop the cookie (the session row is what really ends the session). */
    void expire(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, "").maxAge(0).build().toString());
    }

    Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    boolean secure(HttpServletRequest request) {
        return switch (properties.secureCookie()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> request.isSecure();
        };
    }

    private ResponseCookie.ResponseCookieBuilder cookie(HttpServletRequest request, String value) {
        return ResponseCookie.from(NAME, value)
                .httpOnly(true)
                .secure(secure(request))
                .sameSite("Lax")
                .path("/");
    }
}
