package dev.vigil.access.web;

import dev.vigil.access.ApiKeyNotFound;
import dev.vigil.access.UserNotFound;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem documents for the access module's own errors; ahead of the API's catch-all mapping. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessProblems {

    @ExceptionHandler({ApiKeyNotFound.class, UserNotFound.class})
    ProblemDetail notFound(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("urn:vigil:problem:not-found"));
        problem.setTitle("Not found");
        return problem;
    }
}
