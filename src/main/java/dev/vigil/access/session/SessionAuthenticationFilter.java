package dev.vigil.access.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the {@code VIGIL_SESSION} cookie. It runs before the CSRF filter, which then asks for the
 * session's token on state-changing requests. A request with {@code Authorization: Bearer} is left to the
 * API key filter: an explicit key takes precedence over an ambient cookie.
 */
final class SessionAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final UserSessions sessions;
    private final SessionCookies cookies;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionAuthenticationFilter(UserSessions sessions, SessionCookies cookies) {
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = hasBearer(request) ? Optional.empty() : cookies.read(request);
        Optional<ActiveSession> session = token.flatMap(sessions::find);
        if (session.isEmpty()) {
            if (token.isPresent()) {
                cookies.expire(request, response); // ended, expired or never valid: the browser may drop it
            }
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(ActiveSession.ATTRIBUTE, session.get());
        SignedInUser user = session.get().user();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }
}
