package dev.vigil.respond.defender;

import dev.vigil.respond.defender.approval.ApprovalClosed;
import dev.vigil.respond.defender.approval.ApprovalRefused;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The failures every Defender endpoint ({@link DefenderEndpoint}) shares, answered once for all of them. A controller whose caller's
 * input reaches Defender (indicators) answers Defender's 400 itself; its own handler comes first.
 */
@RestControllerAdvice(annotations = DefenderEndpoint.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DefenderProblemHandlers {

    @ExceptionHandler
    ProblemDetail unknownTenant(UnknownTenant e, HttpServletRequest request) {
        return DefenderProblems.unknownTenant(e, request);
    }

    @ExceptionHandler
    ProblemDetail defenderRefused(DefenderApiError e, HttpServletRequest request) {
        return DefenderProblems.refused(e, request, false);
    }

    @ExceptionHandler
    ProblemDetail tokenFailed(TokenRequestFailed e, HttpServletRequest request) {
        return DefenderProblems.tokenFailed(e, request);
    }

    @ExceptionHandler
    ProblemDetail unavailable(DefenderUnavailable e, HttpServletRequest request) {
        return DefenderProblems.unavailable(e, request);
    }

    @ExceptionHandler
    ProblemDetail malformed(MalformedDefenderResponse e, HttpServletRequest request) {
        return DefenderProblems.malformed(e, request);
    }

    @ExceptionHandler
    ProblemDetail notFound(DefenderProblems.NotFound e, HttpServletRequest request) {
        return DefenderProblems.notFound(e, request);
    }

    @ExceptionHandler
    ProblemDetail approvalRefused(ApprovalRefused e, HttpServletRequest request) {
        return DefenderProblems.problem(
                HttpStatus.FORBIDDEN, "defender-approval-refused", "Approval refused", e.getMessage(), request);
    }

    @ExceptionHandler
    ProblemDetail approvalClosed(ApprovalClosed e, HttpServletRequest request) {
        ProblemDetail problem = DefenderProblems.problem(
                HttpStatus.CONFLICT, "defender-approval-closed", "No longer pending", e.getMessage(), request);
        problem.setProperty("status", e.status());
        return problem;
    }
}
