package dev.vigil.access.session;

import dev.vigil.access.Grants;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the dashboard needs to know about its own session: who is signed in, what they may do, the CSRF token. */
@RestController
class SessionController {

    /** Every role holds it: the dashboard is useless without it, so it is what seeing the dashboard needs. */
    @GetMapping("/api/v1/session")
    @RequiresPermission(Permission.ALERTS_READ)
    ResponseEntity<?> current(HttpServletRequest request) {
        ActiveSession session = (ActiveSession) request.getAttribute(ActiveSession.ATTRIBUTE);
        if (session == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "this request was not made with a dashboard session (an API key has none)");
            problem.setType(URI.create("urn:vigil:problem:no-session"));
            problem.setTitle("No session");
            return ResponseEntity.of(problem).build();
        }
        SignedInUser user = session.user();
        List<String> permissions = Grants.permissions(user.role(), Set.of()).stream()
                .map(Permission::id)
                .toList();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new SessionView(
                        user.getName(),
                        user.login(),
                        user.role().id(),
                        permissions,
                        session.csrfToken(),
                        SessionCsrfTokens.HEADER,
                        session.expiresAt()));
    }

    /** The session as the API shows it; {@code csrfToken} goes back in {@code csrfHeader} on every change. */
    record SessionView(
            String user,
            String name,
            String role,
            List<String> permissions,
            String csrfToken,
            String csrfHeader,
            Instant expiresAt) {}
}
