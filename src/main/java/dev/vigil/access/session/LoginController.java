package dev.vigil.access.session;

import dev.vigil.access.PublicEndpoint;
import dev.vigil.access.session.LoginOutcome.Refused;
import dev.vigil.access.session.LoginOutcome.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in with a local account, and signing out. */
@Controller
class LoginController {

    private final LocalLogin login;
    private final UserSessions sessions;
    private final SessionCookies cookies;
    private final SessionCsrfTokens csrfTokens;
    private final LoginAudit audit;
    private final boolean singleSignOn;
    private final LoginPage page = LoginPage.load();

    LoginController(
            LocalLogin login,
            UserSessions sessions,
            SessionCookies cookies,
            SessionCsrfTokens csrfTokens,
            LoginAudit audit,
            OidcProperties oidc) {
        this.singleSignOn = oidc.enabled();
        this.login = login;
        this.sessions = sessions;
        this.cookies = cookies;
        this.csrfTokens = csrfTokens;
        this.audit = audit;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @PublicEndpoint(because = "the sign-in form itself; it holds only a CSRF token tied to a cookie")
    ResponseEntity<String> form(
            HttpServletRequest request,
            CsrfToken csrf,
            @RequestParam(required = false) @Nullable String error,
            @RequestParam(required = false) @Nullable String signedout) {
        if (request.getAttribute(ActiveSession.ATTRIBUTE) != null) {
            return redirect("/");
        }
        LoginPage.Notice notice = error != null
                ? LoginPage.Notice.REFUSED
                : signedout != null ? LoginPage.Notice.SIGNED_OUT : LoginPage.Notice.NONE;
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.TEXT_HTML)
                .body(page.render(csrf.getToken(), notice, singleSignOn));
    }

    @PostMapping(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @PublicEndpoint(because = "checks the name and password it is sent; CSRF-checked against the form's cookie")
    ResponseEntity<String> signIn(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response) {
        LoginOutcome outcome = login.attempt(username, password);
        if (outcome instanceof Refused refused) {
            audit.refused(refused, request);
            return redirect("/login?error");
        }
        SignedInUser user = ((SignedIn) outcome).user();
        // Whatever session the browser brought ends here; the new one has a token it has never seen.
        cookies.read(request).ifPresent(sessions::end);
        ActiveSession session = sessions.start(user, request.getRemoteAddr(), request.getHeader("User-Agent"));
        cookies.issue(request, response, session.token());
        csrfTokens.clearLoginToken(request, response);
        audit.signedIn(user, "password", request);
        return redirect("/");
    }

    @PostMapping("/logout")
    @PublicEndpoint(
            because = "ends the session whose cookie it is sent (CSRF-checked); without one there is nothing to end")
    ResponseEntity<String> signOut(HttpServletRequest request, HttpServletResponse response) {
        ActiveSession session = (ActiveSession) request.getAttribute(ActiveSession.ATTRIBUTE);
        if (session != null) {
            sessions.end(session.token());
            audit.signedOut(session.user(), request);
        }
        cookies.expire(request, response);
        return redirect("/login?signedout");
    }

    /** 303: the browser follows with a GET, so reloading the next page never re-posts the form. */
    private static ResponseEntity<String> redirect(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(location))
                .cacheControl(CacheControl.noStore())
                .build();
    }
}
