package dev.vigil.web;

import dev.vigil.access.Actor;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertNotFound;
import dev.vigil.alert.AlertPage;
import dev.vigil.alert.AlertQuery;
import dev.vigil.alert.AlertStatus;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.attack.TechniqueId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading alerts (filtered, newest first, with cursor paging; one in full) and moving one on. */
@RestController
class AlertsController {

    private static final int DEFAULT_LIMIT = 50;
    /** Free-text search is a substring match on title and description; longer needles only cost. */
    static final int MAX_QUERY_TEXT = 200;
    /** The canonical text form only: UUID.fromString alone also takes "1-2-3-4-5". */
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Control characters never belong in a search; NUL would even fail in PostgreSQL. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final AlertStore store;
    private final AlertWorkflow workflow;

    AlertsController(AlertStore store, AlertWorkflow workflow) {
        this.store = store;
        this.workflow = workflow;
    }

    @RequiresPermission(Permission.ALERTS_READ)
    @GetMapping("/api/v1/alerts")
    AlertList list(
            @RequestParam(required = false) @Nullable List<String> kind,
            @RequestParam(required = false) @Nullable List<String> severity,
            @RequestParam(name = "class", required = false) @Nullable List<String> riskClass,
            @RequestParam(required = false) @Nullable List<String> status,
            @RequestParam(required = false) @Nullable List<String> source,
            @RequestParam(required = false) @Nullable String technique,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        Set<AlertKind> kinds = kind == null ? EnumSet.of(AlertKind.ALERT) : parse(kind, "kind", AlertKind::valueOf);
        AlertQuery query = new AlertQuery(
                kinds,
                parse(severity, "severity", Severity::valueOf),
                parse(riskClass, "class", RiskClass::valueOf),
                parse(status, "status", AlertStatus::valueOf),
                parse(source, "source", s -> SourceFormat.fromId(s).orElseThrow(IllegalArgumentException::new)),
                instant(since, "since"),
                instant(until, "until"),
                text(q),
                technique == null
                        ? null
                        : TechniqueId.parse(technique)
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "technique must be an ATT&CK id such as T1003 or T1003.001"))
                                .value(),
                cursor == null ? null : id(cursor, "cursor"),
                limit);
        AlertPage page = store.search(query);
        return new AlertList(
                page.items().stream().map(AlertView::summary).toList(),
                page.next() == null ? null : page.next().toString());
    }

    @RequiresPermission(Permission.ALERTS_READ)
    @GetMapping("/api/v1/alerts/{id}")
    AlertView get(@PathVariable String id) {
        return store.find(id(id, "id")).map(AlertView::full).orElseThrow(() -> AlertNotFound.forId(id));
    }

    /** Moves the alert on (status) and/or says who works it (assignee; "" for nobody). Audited as alert.update. */
    @RequiresPermission(Permission.ALERTS_TRIAGE)
    @PatchMapping("/api/v1/alerts/{id}")
    AlertView update(
            @PathVariable String id,
            @RequestBody AlertChange change,
            Authentication caller,
            HttpServletRequest request) {
        AlertId alertId = id(id, "id");
        AlertStatus status = change.status() == null ? null : status(change.status());
        if (status == null && change.assignee() == null) {
            throw new IllegalArgumentException("nothing to change: give status, assignee or both");
        }
        Actor actor = new Actor(caller.getName(), request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
        return AlertView.full(workflow.update(actor, alertId, status, change.assignee()));
    }

    private static AlertStatus status(String text) {
        AlertStatus status;
        try {
            status = AlertStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status: " + Texts.clip(text));
        }
        if (!status.settableByPeople()) {
            throw new IllegalArgumentException(
                    "status " + status + " is set by Vigil's pipeline; use ACKNOWLEDGED, RESOLVED or FALSE_POSITIVE");
        }
        return status;
    }

    private static @Nullable String text(@Nullable String q) {
        if (q == null) {
            return null;
        }
        if (q.length() > MAX_QUERY_TEXT) {
            throw new IllegalArgumentException("q must be at most " + MAX_QUERY_TEXT + " characters");
        }
        if (CONTROL.matcher(q).find()) {
            throw new IllegalArgumentException("q must not contain control characters");
        }
        return q;
    }

    private static AlertId id(String text, String name) {
        if (!CANONICAL_UUID.matcher(text).matches()) {
            throw new IllegalArgumentException(name + " is not an alert id: " + Texts.clip(text));
        }
        try {
            return AlertId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not an alert id: " + Texts.clip(text));
        }
    }

    private static <E extends Enum<E>> Set<E> parse(
            @Nullable List<String> values, String name, Function<String, E> parser) {
        if (values == null) {
            return Set.of();
        }
        return values.stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .map(v -> {
                    try {
                        return parser.apply(v.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown " + name + ": " + Texts.clip(v));
                    }
                })
                .collect(java.util.stream.Collectors.toSet());
    }

    private static @Nullable Instant instant(@Nullable String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }
    }

    /** The body of PATCH: what to change; a field left out stays as it is. */
    record AlertChange(@Nullable String status, @Nullable String assignee) {}

    /** A page of alerts and the cursor for the next one. */
    record AlertList(List<AlertView> items, @Nullable String nextCursor) {}
}
