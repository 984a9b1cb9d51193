package dev.vigil.web;

import dev.vigil.alert.AlertNotFound;
import dev.vigil.ingest.NothingUsable;
import dev.vigil.ingest.PayloadTooLarge;
import dev.vigil.ingest.UnknownFormat;
import java.net.URI;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every error of the API to an RFC 9457 problem document, once. Messages are ours, written for the
 * caller; stack traces and exception internals never leave the service.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    /** Problem types are names, not pages: stable identifiers a client can switch on. */
    private static final String TYPES = "urn:vigil:problem:";

    @ExceptionHandler
    ProblemDetail nothingUsable(NothingUsable e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "no-usable-records", "Nothing usable", e.getMessage());
        problem.setProperty("rejected", e.rejections());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknownFormat(UnknownFormat e) {
        return problem(HttpStatus.BAD_REQUEST, "unknown-format", "Unknown format", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail tooLarge(PayloadTooLarge e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFound(AlertNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage());
    }

    /** Tomcat parses parameters when a handler first asks; over server.tomcat.max-parameter-count it throws. */
    @ExceptionHandler
    ProblemDetail badParameters(InvalidParameterException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "bad-request",
                "Bad request",
                "too many request parameters, or parameters that cannot be decoded");
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException e) {
        log.error("Unexpected error answering a request", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "the request could not be completed; the error is logged on the server");
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }
}
