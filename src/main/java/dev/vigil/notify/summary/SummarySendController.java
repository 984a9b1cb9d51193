package dev.vigil.notify.summary;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/reports/summary/send}: sends the summary for {@code [from, to)} now, by the scheduled
 * path (recorded as a manual run, so it never takes the scheduled period's place), and {@code GET
 * …/summary/runs[/{id}]}: what became of scheduled and manual runs.
 */
@RestController
class SummarySendController {

    private final SummaryScheduler scheduler;
    private final SummaryRuns runs;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    SummarySendController(SummaryScheduler scheduler, SummaryRuns runs, AuditLog audit) {
        this.scheduler = scheduler;
        this.runs = runs;
        this.audit = audit;
    }

    @RequiresPermission(Permission.REPORTS_SEND)
    @PostMapping("/api/v1/reports/summary/send")
    ResponseEntity<SummaryRun> send(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Authentication authentication,
            HttpServletRequest request) {
        SummaryPeriod period = SummaryController.period(from, to, clock.instant());
        SummaryRun run = scheduler.sendNow(period, authentication.getName());
        audit.record(new AuditEntry(
                authentication.getName(),
                "summary.send",
                "summary_run:" + run.id(),
                AuditOutcome.SUCCESS,
                request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT),
                Map.of("from", period.from().toString(), "to", period.to().toString())));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/reports/summary/runs/" + run.id()))
                .body(run);
    }

    @RequiresPermission(Permission.REPORTS_READ)
    @GetMapping("/api/v1/reports/summary/runs")
    List<SummaryRun> recent() {
        return runs.recent(50);
    }

    @RequiresPermission(Permission.REPORTS_READ)
    @GetMapping("/api/v1/reports/summary/runs/{id}")
    ResponseEntity<?> run(@PathVariable String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'id' must be a UUID");
        }
        return runs.find(uuid)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.of(
                                problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "no summary run " + uuid))
                        .build());
    }

    @ExceptionHandler
    ProblemDetail notConfigured(SummaryDelivery.NotConfigured e) {
        return problem(HttpStatus.CONFLICT, "slack-not-configured", "Slack is not configured", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:vigil:problem:" + type));
        problem.setTitle(title);
        return problem;
    }
}
