package dev.vigil.access.web;

import dev.vigil.access.ratelimit.RateLimitDecision;
import dev.vigil.access.ratelimit.RateLimitRules;
import dev.vigil.access.ratelimit.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows the guessing of keys and passwords. A request whose credentials fail (answered 401 before it
 * reaches {@link RateLimitFilter}) spends a token from its client IP's bucket, the same bucket requests
 * without credentials spend from. Once that bucket is empty this instance refuses every request from the
 * IP, before looking at its credentials, until the bucket has a token again. Runs before authentication.
 */
final class AuthenticationThrottle extends OncePerRequestFilter {

    /** Request attribute other filters (e.g. a login form) set to TRUE when credentials were wrong. */
    static final String AUTHENTICATION_FAILED = "dev.vigil.access.authentication-failed";

    private static final int MAX_BLOCKED = 100_000;

    private final RateLimiter limiter;
    private final RateLimitRules rules;
    private final ProblemResponses problems;
    private final LimiterFailures failures = new LimiterFailures();
    /** Client IP → System.nanoTime() until which it is refused. Local: each instance learns it separately. */
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();

    AuthenticationThrottle(RateLimiter limiter, RateLimitRules rules, ProblemResponses problems) {
        this.limiter = limiter;
        this.rules = rules;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return Unlimited.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String ip = request.getRemoteAddr();
        Long until = blockedUntil.get(ip);
        if (until != null) {
            long left = until - System.nanoTime();
            if (left > 0) {
                RateLimitHeaders.refuse(response, problems, Math.max(1, (left + 999_999_999L) / 1_000_000_000L));
                return;
            }
            blockedUntil.remove(ip, until);
        }
        chain.doFilter(request, response);
        if (request.getAttribute(RateLimitFilter.COUNTED) == null
                && (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED
                        || Boolean.TRUE.equals(request.getAttribute(AUTHENTICATION_FAILED)))) {
            RateLimitDecision decision;
            try {
                decision = limiter.consume(rules.forUnauthenticated(ip));
            } catch (RuntimeException e) {
                failures.report(e);
                return;
            }
            if (!decision.allowed()) {
                if (blockedUntil.size() >= MAX_BLOCKED) {
                    blockedUntil.clear();
                }
                blockedUntil.put(ip, System.nanoTime() + decision.retryAfterSeconds() * 1_000_000_000L);
            }
        }
    }
}
