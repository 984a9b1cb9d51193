package dev.vigil.access.web;

import dev.vigil.access.ratelimit.RateLimitDecision;
import dev.vigil.access.ratelimit.RateLimitRules;
import dev.vigil.access.ratelimit.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spends one token per request from the caller's bucket, after authentication (so the caller is known)
 * and before authorisation and the handler. Every answer carries the RateLimit headers; an empty bucket
 * answers 429 with {@code Retry-After}.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    /** Set on requests this filter has counted, so {@link AuthenticationThrottle} does not count them twice. */
    static final String COUNTED = RateLimitFilter.class.getName() + ".counted";

    private final RateLimiter limiter;
    private final RateLimitRules rules;
    private final ProblemResponses problems;
    private final LimiterFailures failures = new LimiterFailures();

    RateLimitFilter(RateLimiter limiter, RateLimitRules rules, ProblemResponses problems) {
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
        RateLimitDecision decision;
        try {
            decision = limiter.consume(rules.forRequest(
                    SecurityContextHolder.getContext().getAuthentication(),
                    request.getMethod(),
                    Unlimited.path(request),
                    request.getRemoteAddr()));
        } catch (RuntimeException e) {
            // Fail open: with PostgreSQL unreachable the request fails on its own merits (or health answers);
            // the limiter must not turn a database hiccup into refusing everything.
            failures.report(e);
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        RateLimitHeaders.write(response, decision);
        if (!decision.allowed()) {
            RateLimitHeaders.refuse(response, problems, decision.retryAfterSeconds());
            return;
        }
        chain.doFilter(request, response);
    }
}
