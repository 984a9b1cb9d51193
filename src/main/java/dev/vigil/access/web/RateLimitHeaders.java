package dev.vigil.access.web;

import dev.vigil.access.ratelimit.RateLimitDecision;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The IETF RateLimit headers on every limited response, and the 429 problem when the bucket is empty. */
final class RateLimitHeaders {

    private RateLimitHeaders() {}

    static void write(HttpServletResponse response, RateLimitDecision decision) {
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        response.setHeader("RateLimit-Policy", decision.policy());
    }

    static void refuse(HttpServletResponse response, ProblemResponses problems, long retryAfterSeconds)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problems.write(
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
                "the rate limit for this caller is used up; retry after " + retryAfterSeconds + " s");
    }
}
