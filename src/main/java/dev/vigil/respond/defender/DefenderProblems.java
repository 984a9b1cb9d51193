package dev.vigil.respond.defender;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem documents of the Defender endpoints, in one place: each controller's exception handlers only
 * choose among these. Every problem carries the request id Vigil sent to Defender, when there was one.
 */
public final class DefenderProblems {

    /** The header (and request attribute) carrying the id Vigil sent to Defender as {@code client-request-id}. */
    public static final String REQUEST_ID = "X-Defender-Request-Id";

    private DefenderProblems() {}

    public static ProblemDetail unknownTenant(UnknownTenant e, HttpServletRequest request) {
        return problem(
                HttpStatus.NOT_FOUND, "defender-tenant-unknown", "Unknown Defender tenant", e.getMessage(), request);
    }

    /**
     * Defender's 404 (no such machine, indicator, action) is the caller's 404. With {@code badRequestIsCallers}
     * Defender's 400 is the caller's too (a body the caller wrote, such as an indicator); every other refusal
     * is a bad gateway.
     */
    public static ProblemDetail refused(DefenderApiError e, HttpServletRequest request, boolean badRequestIsCallers) {
        HttpStatus status = e.status() == 404
                ? HttpStatus.NOT_FOUND
                : e.status() == 400 && badRequestIsCallers ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY;
        ProblemDetail problem = problem(
                status,
                "defender-error",
                "Defender refused the request",
                e.defenderMessage().isBlank() ? e.code() : e.defenderMessage(),
                request);
        problem.setProperty("tenant", e.tenant());
        problem.setProperty("defenderStatus", e.status());
        problem.setProperty("defenderCode", e.code());
        problem.setProperty("defenderMessage", e.defenderMessage());
        if (e.correlationId() != null) {
            problem.setProperty("correlationId", e.correlationId());
        }
        return problem;
    }

    public static ProblemDetail tokenFailed(TokenRequestFailed e, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_GATEWAY, "defender-token-failed", "Entra ID refused a token", e.getMessage(), request);
        problem.setProperty("tenant", e.tenant());
        if (e.aadsts() != null) {
            problem.setProperty("aadsts", e.aadsts());
        }
        return problem;
    }

    public static ProblemDetail unavailable(DefenderUnavailable e, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_GATEWAY, "defender-unavailable", "Defender unavailable", e.getMessage(), request);
        problem.setProperty("tenant", e.tenant());
        return problem;
    }

    public static ProblemDetail malformed(MalformedDefenderResponse e, HttpServletRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_GATEWAY,
                "defender-malformed-response",
                "Defender answered something unreadable",
                e.getMessage(),
                request);
        problem.setProperty("tenant", e.tenant());
        return problem;
    }

    public static ProblemDetail problem(
            HttpStatus status, String type, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:vigil:problem:" + type));
        problem.setTitle(title);
        if (request.getAttribute(REQUEST_ID) instanceof String requestId) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    /** The outcome of a failed call as the audit log records it: short, and never a secret. */
    public static String errorOf(RuntimeException e) {
        if (e instanceof DefenderApiError api) {
            return api.status() + " " + api.code();
        }
        if (e instanceof TokenRequestFailed token) {
            return "token " + token.aadsts();
        }
        if (e instanceof DefenderUnavailable) {
            return "unavailable";
        }
        if (e instanceof MalformedDefenderResponse) {
            return "malformed response";
        }
        if (e instanceof UnknownTenant) {
            return "unknown tenant";
        }
        if (e instanceof NotFound) {
            return "not found";
        }
        return e instanceof IllegalArgumentException
                ? "bad request: " + DefenderCalls.shortened(e.getMessage())
                : e.getClass().getSimpleName();
    }

    /** Something the caller named does not exist (an indicator value, a saved query, a rule): a 404. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    public static ProblemDetail notFound(NotFound e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), request);
    }
}
