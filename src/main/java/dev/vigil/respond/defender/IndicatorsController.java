package dev.vigil.respond.defender;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.respond.defender.approval.ApprovalGate;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/defender/{tenant}/indicators…}: Defender's custom indicators. Analysts list; engineers add,
 * import and remove, always with a reason, which goes into the indicator's description and the audit log.
 * Every call is audited with the request id sent to Defender, also returned as {@code X-Defender-Request-Id}.
 */
@RestController
@DefenderEndpoint
class IndicatorsController {

    /** Most indicators one import request may carry; Defender's tenant cap is 15,000 active ones. */
    static final int MAX_IMPORT = 10_000;

    private static final String REQUEST_ID = MachinesController.REQUEST_ID;

    private final DefenderIndicators indicators;
    private final DefenderCalls calls;
    private final ApprovalGate gate;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.systemUTC();

    IndicatorsController(DefenderIndicators indicators, DefenderCalls calls, ApprovalGate gate) {
        this.indicators = indicators;
        this.calls = calls;
        this.gate = gate;
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping("/api/v1/defender/{tenant}/indicators")
    ResponseEntity<List<Indicator>> list(
            @PathVariable String tenant,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(defaultValue = "100") int top,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        if (type != null) details.put("type", DefenderCalls.shortened(type));
        if (value != null) details.put("value", DefenderCalls.shortened(value));
        DefenderCalls.Outcome<List<Indicator>> outcome =
                calls.run(who, request, "defender.indicators.list", tenant, "defender:" + tenant, details, id -> {
                    IndicatorType parsed = null;
                    if (type != null) {
                        parsed = IndicatorType.of(type);
                        if (parsed == null) {
                            throw new InvalidIndicator("type", "unknown type '" + type + "'");
                        }
                    }
                    return indicators.list(tenant, DefenderIndicators.filterFor(parsed, value), top, id);
                });
        return outcome.ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping("/api/v1/defender/{tenant}/indicators")
    ResponseEntity<Indicator> add(
            @PathVariable String tenant,
            @RequestBody IndicatorInput input,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("type", DefenderCalls.shortened(String.valueOf(input.indicatorType())));
        details.put("action", DefenderCalls.shortened(String.valueOf(input.action())));
        details.put("reason", DefenderCalls.shortened(String.valueOf(input.reason())));
        String target = "indicator:" + DefenderCalls.shortened(String.valueOf(input.indicatorValue()));
        DefenderCalls.Outcome<Indicator> outcome =
                calls.run(who, request, "defender.indicators.add", tenant, target, details, id -> {
                    String reason = IndicatorRules.reason(input.reason());
                    ObjectNode body = IndicatorRules.check(input, reason, clock.instant());
                    Indicator added = indicators.submit(tenant, body, id);
                    details.put("indicator_id", added.id());
                    return added;
                });
        return outcome.ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping("/api/v1/defender/{tenant}/indicators/import")
    ResponseEntity<?> importAll(
            @PathVariable String tenant,
            @RequestBody IndicatorImport batch,
            @RequestParam(defaultValue = "false") boolean preview,
            Authentication who,
            HttpServletRequest request) {
        List<IndicatorInput> items = batch.indicators() == null ? List.of() : batch.indicators();
        boolean blocks = IndicatorImportGate.blocks(items);
        // A preview never imports, whether or not this import would wait for approval.
        if (preview || (blocks && gate.intercepts(IndicatorImportGate.NAME, false))) {
            return gate.previewOrHold(
                    IndicatorImportGate.NAME,
                    tenant,
                    "defender:" + tenant,
                    json.valueToTree(batch),
                    batch.reason(),
                    preview,
                    blocks,
                    who,
                    request,
                    () -> checked(batch, clock.instant()));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", DefenderCalls.shortened(String.valueOf(batch.reason())));
        details.put("submitted", Integer.toString(items.size()));
        DefenderCalls.Outcome<List<ImportOutcome>> outcome =
                calls.run(who, request, "defender.indicators.import", tenant, "defender:" + tenant, details, id -> {
                    List<ImportOutcome> outcomes = indicators.importAll(tenant, checked(batch, clock.instant()), id);
                    details.put(
                            "failed",
                            Long.toString(outcomes.stream()
                                    .filter(ImportOutcome::failed)
                                    .count()));
                    return outcomes;
                });
        return ResponseEntity.ok().header(REQUEST_ID, outcome.requestId()).body(ImportAnswer.of(outcome.value()));
    }

    /** The import's indicators as Defender will get them; the first bad one is a 400 naming its index. */
    static List<ObjectNode> checked(IndicatorImport batch, Instant now) {
        List<IndicatorInput> items = batch.indicators() == null ? List.of() : batch.indicators();
        if (items.isEmpty()) {
            throw new InvalidIndicator("indicators", "at least one indicator is required");
        }
        if (items.size() > MAX_IMPORT) {
            throw new InvalidIndicator("indicators", "at most " + MAX_IMPORT + " in one import");
        }
        List<ObjectNode> bodies = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            IndicatorInput item = items.get(i);
            try {
                if (item == null) {
                    throw new InvalidIndicator("indicatorValue", "required");
                }
                String reason = IndicatorRules.reason(item.reason() != null ? item.reason() : batch.reason());
                bodies.add(IndicatorRules.check(item, reason, now));
            } catch (InvalidIndicator e) {
                throw e.at(i);
            }
        }
        return bodies;
    }

    /** A bulk import's answer: counts, and one outcome per indicator in the order given. */
    record ImportAnswer(int imported, int failed, List<ImportOutcome> results) {

        static ImportAnswer of(List<ImportOutcome> outcomes) {
            int failed = (int) outcomes.stream().filter(ImportOutcome::failed).count();
            return new ImportAnswer(outcomes.size() - failed, failed, outcomes);
        }
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @DeleteMapping("/api/v1/defender/{tenant}/indicators/{id}")
    ResponseEntity<Void> delete(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String reason,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", DefenderCalls.shortened(String.valueOf(reason)));
        DefenderCalls.Outcome<Boolean> outcome = calls.run(
                who,
                request,
                "defender.indicators.delete",
                tenant,
                "indicator:" + DefenderCalls.shortened(id),
                details,
                requestId -> {
                    IndicatorRules.reason(reason);
                    indicators.delete(tenant, id, requestId);
                    return true;
                });
        return ResponseEntity.noContent()
                .header(REQUEST_ID, outcome.requestId())
                .build();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @DeleteMapping("/api/v1/defender/{tenant}/indicators")
    ResponseEntity<Map<String, List<String>>> deleteByValue(
            @PathVariable String tenant,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable String reason,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", DefenderCalls.shortened(String.valueOf(reason)));
        DefenderCalls.Outcome<List<String>> outcome = calls.run(
                who,
                request,
                "defender.indicators.delete",
                tenant,
                "indicator:" + DefenderCalls.shortened(String.valueOf(value)),
                details,
                requestId -> {
                    if (value == null || value.isBlank()) {
                        throw new InvalidIndicator("value", "required");
                    }
                    IndicatorRules.reason(reason);
                    List<String> deleted = indicators.deleteByValue(tenant, value.strip(), requestId);
                    if (deleted.isEmpty()) {
                        throw new NoSuchIndicator(tenant, value);
                    }
                    details.put("indicator_ids", String.join(",", deleted));
                    return deleted;
                });
        return ResponseEntity.ok().header(REQUEST_ID, outcome.requestId()).body(Map.of("deleted", outcome.value()));
    }

    /** Runs the call with a fresh request id and records who did what, where, to what, and how it ended. */
    @ExceptionHandler
    ProblemDetail invalid(InvalidIndicator e, HttpServletRequest request) {
        ProblemDetail problem = DefenderProblems.problem(
                HttpStatus.BAD_REQUEST, "defender-indicator-invalid", "Invalid indicator", e.getMessage(), request);
        problem.setProperty("field", e.field());
        if (e.index() != null) {
            problem.setProperty("index", e.index());
        }
        return problem;
    }

    @ExceptionHandler
    ProblemDetail badArgument(IllegalArgumentException e, HttpServletRequest request) {
        return DefenderProblems.problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage(), request);
    }

    @ExceptionHandler
    ProblemDetail noSuchIndicator(NoSuchIndicator e, HttpServletRequest request) {
        return DefenderProblems.problem(
                HttpStatus.NOT_FOUND, "defender-indicator-not-found", "No such indicator", e.getMessage(), request);
    }

    @ExceptionHandler
    ProblemDetail defenderRefused(DefenderApiError e, HttpServletRequest request) {
        return DefenderProblems.refused(e, request, true);
    }

    /** No indicator in the tenant has the value to remove. */
    static final class NoSuchIndicator extends DefenderProblems.NotFound {
        NoSuchIndicator(String tenant, String value) {
            super("no indicator with value '" + value + "' in Defender tenant '" + tenant + "'");
        }
    }
}
