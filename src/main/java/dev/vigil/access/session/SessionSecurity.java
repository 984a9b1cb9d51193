package dev.vigil.access.session;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.stereotype.Component;

/**
 * Dashboard sessions in the security filter chain: the session cookie filter, CSRF protection for what it
 * authenticates and for the login form, the sign-in pages open to everyone, and, when configured,
 * OpenID Connect sign-in ending in a session of ours.
 */
@Component
public final class SessionSecurity {

    private final SessionAuthenticationFilter filter;
    private final SessionCsrfTokens csrfTokens;
    private final ObjectProvider<OidcSignIn> oidc;
    private final ObjectProvider<ClientRegistrationRepository> registrations;

    SessionSecurity(
            UserSessions sessions,
            SessionCookies cookies,
            SessionCsrfTokens csrfTokens,
            ObjectProvider<OidcSignIn> oidc,
            ObjectProvider<ClientRegistrationRepository> registrations) {
        this.filter = new SessionAuthenticationFilter(sessions, cookies);
        this.csrfTokens = csrfTokens;
        this.oidc = oidc;
        this.registrations = registrations;
    }

    /** Call it before the chain's own authorisation rules, whose catch-all must come last. */
    public HttpSecurity applyTo(HttpSecurity http) {
        OidcSignIn singleSignOn = oidc.getIfAvailable();
        if (singleSignOn != null) {
            http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                    HttpMethod.GET, "/oauth2/authorization/*", "/login/oauth2/code/*")
                            .permitAll())
                    .oauth2Login(login -> login.loginPage(SessionCsrfTokens.LOGIN_PATH) // ours, not a generated one
                            .clientRegistrationRepository(registrations.getObject())
                            .authorizedClientRepository(new ForgetAuthorizedClients())
                            .successHandler(singleSignOn)
                            .failureHandler(singleSignOn));
        }
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/login", "/assets/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/login", "/logout")
                        .permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // The plain token, as /api/v1/session gives it (no per-request masking: our pages are
                        // not compressed with secrets beside attacker-chosen text, which is what masking is for).
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SessionCsrfTokens::required))
                .addFilterBefore(filter, CsrfFilter.class);
    }

    /**
     * Whether an unauthenticated request is a browser opening a page, to be sent to the sign-in form rather
     * than answered with a 401 problem document.
     */
    public static boolean wantsSignInPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return "GET".equals(request.getMethod())
                && !path.startsWith("/api/")
                && !path.startsWith("/actuator")
                && accept != null
                && accept.contains("text/html");
    }
}
