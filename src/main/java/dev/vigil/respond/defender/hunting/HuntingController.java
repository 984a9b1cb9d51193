package dev.vigil.respond.defender.hunting;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.respond.defender.DefenderApiError;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderEndpoint;
import dev.vigil.respond.defender.DefenderProblems;
import dev.vigil.respond.defender.hunting.HuntingViews.RunRequest;
import dev.vigil.respond.defender.hunting.HuntingViews.RunView;
import dev.vigil.respond.defender.hunting.HuntingViews.SavedQueryView;
import dev.vigil.respond.defender.hunting.HuntingViews.SavedRunRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/defender/{tenant}/hunting…}: advanced hunting through Graph, and each tenant's library of
 * saved queries. Analysts run queries and read the library; engineers change it, always with a reason. Every
 * request is audited (the KQL shortened), with the request id sent to Graph as {@code X-Defender-Request-Id}.
 */
@RestController
@DefenderEndpoint
class HuntingController {

    private static final String BASE = "/api/v1/defender/{tenant}/hunting";
    private static final int MAX_RUNS = 200;

    private final Hunting hunting;
    private final SavedQueries queries;
    private final HuntLedger ledger;
    private final DefenderCalls calls;
    private final Clock clock = Clock.systemUTC();

    HuntingController(Hunting hunting, SavedQueries queries, HuntLedger ledger, DefenderCalls calls) {
        this.hunting = hunting;
        this.queries = queries;
        this.ledger = ledger;
        this.calls = calls;
    }

    @RequiresPermission(Permission.DEFENDER_HUNT)
    @PostMapping(BASE + "/run")
    ResponseEntity<HuntingResult> run(
            @PathVariable String tenant, @RequestBody RunRequest body, Authentication who, HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("query", DefenderCalls.shortened(body.query()));
        if (body.timespan() != null) details.put("timespan", DefenderCalls.shortened(body.timespan()));
        return calls.run(who, request, "defender.hunting.run", tenant, "defender:" + tenant, details, id -> {
                    String query = Hunting.checkQuery(body.query());
                    String timespan = Timespans.check(body.timespan());
                    int maxRows = Hunting.checkMaxRows(body.maxRows());
                    return counted(details, hunting.run(tenant, query, timespan, maxRows, id));
                })
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_HUNT)
    @GetMapping(BASE + "/queries")
    ResponseEntity<List<SavedQueryView>> list(
            @PathVariable String tenant, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.hunting.queries.list",
                        tenant,
                        "defender:" + tenant,
                        new LinkedHashMap<>(),
                        id -> queries.list(tenant).stream()
                                .map(SavedQueryView::of)
                                .toList())
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/queries")
    ResponseEntity<SavedQueryView> create(
            @PathVariable String tenant,
            @RequestBody SavedQueryInput body,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = changeDetails(body);
        var outcome = calls.run(
                who,
                request,
                "defender.hunting.queries.create",
                tenant,
                "hunting-query:" + DefenderCalls.shortened(body.name()),
                details,
                id -> {
                    reason(body.reason());
                    SavedQueryFields fields = SavedQueryFields.from(tenant, body.name(), body);
                    return SavedQueryView.of(queries.create(fields, who.getName(), clock.instant()));
                });
        return outcome.status(HttpStatus.CREATED);
    }

    @RequiresPermission(Permission.DEFENDER_HUNT)
    @GetMapping(BASE + "/queries/{name}")
    ResponseEntity<SavedQueryView> get(
            @PathVariable String tenant, @PathVariable String name, Authentication who, HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.hunting.queries.get",
                        tenant,
                        target(name),
                        new LinkedHashMap<>(),
                        id -> SavedQueryView.of(queries.get(tenant, SavedQuery.checkName(name))))
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PutMapping(BASE + "/queries/{name}")
    ResponseEntity<SavedQueryView> replace(
            @PathVariable String tenant,
            @PathVariable String name,
            @RequestBody SavedQueryInput body,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = changeDetails(body);
        return calls.run(who, request, "defender.hunting.queries.update", tenant, target(name), details, id -> {
                    reason(body.reason());
                    if (body.name() != null && !body.name().equals(name)) {
                        throw new InvalidHunt("name", "a saved query cannot be renamed; create one under the new name");
                    }
                    SavedQueryFields fields = SavedQueryFields.from(tenant, name, body);
                    return SavedQueryView.of(queries.update(fields, who.getName(), clock.instant()));
                })
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @DeleteMapping(BASE + "/queries/{name}")
    ResponseEntity<Void> delete(
            @PathVariable String tenant,
            @PathVariable String name,
            @RequestParam(required = false) @Nullable String reason,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", DefenderCalls.shortened(String.valueOf(reason)));
        var outcome = calls.run(who, request, "defender.hunting.queries.delete", tenant, target(name), details, id -> {
            reason(reason);
            queries.delete(tenant, SavedQuery.checkName(name));
            return true;
        });
        return ResponseEntity.noContent()
                .header(DefenderProblems.REQUEST_ID, outcome.requestId())
                .build();
    }

    @RequiresPermission(Permission.DEFENDER_HUNT)
    @PostMapping(BASE + "/queries/{name}/run")
    ResponseEntity<HuntingResult> runSaved(
            @PathVariable String tenant,
            @PathVariable String name,
            @RequestBody(required = false) @Nullable SavedRunRequest body,
            Authentication who,
            HttpServletRequest request) {
        SavedRunRequest options = body == null ? new SavedRunRequest(null, null) : body;
        Map<String, String> details = new LinkedHashMap<>();
        if (options.timespan() != null) details.put("timespan", DefenderCalls.shortened(options.timespan()));
        return calls.run(who, request, "defender.hunting.queries.run", tenant, target(name), details, id -> {
                    SavedQuery saved = queries.get(tenant, SavedQuery.checkName(name));
                    details.put("query", DefenderCalls.shortened(saved.query()));
                    String timespan =
                            options.timespan() != null ? Timespans.check(options.timespan()) : saved.timespan();
                    int maxRows = Hunting.checkMaxRows(options.maxRows());
                    return counted(details, hunting.run(tenant, saved.query(), timespan, maxRows, id));
                })
                .ok();
    }

    @RequiresPermission(Permission.DEFENDER_HUNT)
    @GetMapping(BASE + "/queries/{name}/runs")
    ResponseEntity<List<RunView>> runs(
            @PathVariable String tenant,
            @PathVariable String name,
            @RequestParam(defaultValue = "20") int limit,
            Authentication who,
            HttpServletRequest request) {
        return calls.run(
                        who,
                        request,
                        "defender.hunting.queries.runs",
                        tenant,
                        target(name),
                        new LinkedHashMap<>(),
                        id -> {
                            if (limit < 1 || limit > MAX_RUNS) {
                                throw new InvalidHunt("limit", "between 1 and " + MAX_RUNS);
                            }
                            SavedQuery saved = queries.get(tenant, SavedQuery.checkName(name));
                            return ledger.runs(tenant, saved.name(), limit).stream()
                                    .map(RunView::of)
                                    .toList();
                        })
                .ok();
    }

    private static HuntingResult counted(Map<String, String> details, HuntingResult result) {
        details.put("rows", Integer.toString(result.rowCount()));
        details.put("truncated", Boolean.toString(result.truncated()));
        return result;
    }

    private static Map<String, String> changeDetails(SavedQueryInput body) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", DefenderCalls.shortened(String.valueOf(body.reason())));
        details.put("query", DefenderCalls.shortened(body.query()));
        if (body.schedule() != null) {
            details.put(
                    "interval",
                    DefenderCalls.shortened(String.valueOf(body.schedule().interval())));
            details.put(
                    "enabled",
                    String.valueOf(
                            body.schedule().enabled() == null || body.schedule().enabled()));
        }
        return details;
    }

    /** A change to the library says why; @throws InvalidHunt when it does not. */
    private static void reason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidHunt("reason", "required: say why the library changes");
        }
        if (reason.length() > 1_000) {
            throw new InvalidHunt("reason", "at most 1000 characters");
        }
    }

    private static String target(String name) {
        return "hunting-query:" + DefenderCalls.shortened(name);
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidHunt e, HttpServletRequest request) {
        ProblemDetail problem = DefenderProblems.problem(
                HttpStatus.BAD_REQUEST, "defender-hunting-invalid", "Invalid hunting request", e.getMessage(), request);
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail exists(SavedQueries.QueryExists e, HttpServletRequest request) {
        return DefenderProblems.problem(
                HttpStatus.CONFLICT, "defender-hunting-query-exists", "Saved query exists", e.getMessage(), request);
    }

    /** Graph's 400 is about the KQL the caller wrote (a syntax error, an unknown table): the caller's 400. */
    @ExceptionHandler
    ProblemDetail graphRefused(DefenderApiError e, HttpServletRequest request) {
        return DefenderProblems.refused(e, request, true);
    }
}
