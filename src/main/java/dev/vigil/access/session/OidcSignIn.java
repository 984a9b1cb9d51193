package dev.vigil.access.session;

import dev.vigil.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Turns a successful OpenID Connect sign-in into one of our own sessions, so there is one session mechanism
 * with one set of lifetimes, one sign-out and one CSRF scheme. The role is the highest that the user's
 * groups map to; a user in no mapped group is refused like any failed sign-in.
 */
@Component
@ConditionalOnProperty(name = "vigil.access.oidc.enabled", havingValue = "true")
class OidcSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private final OidcProperties properties;
    private final OidcAccounts accounts;
    private final UserSessions sessions;
    private final SessionCookies cookies;
    private final LoginAudit audit;

    OidcSignIn(
            OidcProperties properties,
            OidcAccounts accounts,
            UserSessions sessions,
            SessionCookies cookies,
            LoginAudit audit) {
        this.properties = properties;
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        // The provider's tokens have served: nothing of them is kept, in memory or in a container session.
        SecurityContextHolder.clearContext();
        HttpSession container = request.getSession(false);
        if (container != null) {
            container.invalidate();
        }
        OidcUser oidc = (OidcUser) authentication.getPrincipal();
        String subject = oidc.getIssuer() + "#" + oidc.getSubject();
        String login = LocalLogin.normalise(
                oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : oidc.getSubject());
        Optional<Role> role = role(oidc.getClaimAsStringList(properties.groupsClaim()));
        if (role.isEmpty()) {
            refuse(request, response, login, LoginOutcome.Reason.NO_ROLE);
            return;
        }
        Optional<SignedInUser> user =
                accounts.signIn(subject, oidc.getPreferredUsername(), oidc.getEmail(), oidc.getFullName(), role.get());
        if (user.isEmpty()) {
            refuse(request, response, login, LoginOutcome.Reason.DISABLED);
            return;
        }
        cookies.read(request).ifPresent(sessions::end);
        ActiveSession session = sessions.start(user.get(), request.getRemoteAddr(), request.getHeader("User-Agent"));
        cookies.issue(request, response, session.token());
        audit.signedIn(user.get(), "oidc", request);
        redirect(response, "/");
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        refuse(request, response, "(unknown)", LoginOutcome.Reason.PROVIDER_REFUSED);
    }

    private Optional<Role> role(List<String> groups) {
        if (groups == null) {
            return Optional.empty();
        }
        return groups.stream()
                .map(properties.groupRoles()::get)
                .filter(r -> r != null)
                .max(Comparator.naturalOrder());
    }

    private void refuse(
            HttpServletRequest request, HttpServletResponse response, String login, LoginOutcome.Reason reason)
            throws IOException {
        audit.refused(new LoginOutcome.Refused(login, reason, null), request);
        redirect(response, "/login?error");
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpStatus.SEE_OTHER.value());
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
    }
}
