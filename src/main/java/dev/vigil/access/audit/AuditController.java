package dev.vigil.access.audit;

import dev.vigil.access.AuditOutcome;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/audit}: the audit log for admins, filtered, newest first with cursor paging; or the
 * whole filtered log as NDJSON in chain order ({@code Accept: application/x-ndjson} or {@code format=ndjson}),
 * streamed from a database cursor so an export of any size never sits in memory.
 */
@RestController
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    private static final int MAX_FILTER_LENGTH = AuditBounds.TARGET;

    private final AuditQueries queries;
    private final JsonMapper json;

    AuditController(AuditQueries queries, JsonMapper json) {
        this.queries = queries;
        this.json = json;
    }

    @GetMapping("/api/v1/audit")
    @RequiresPermission(Permission.AUDIT_READ)
    void audit(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            HttpServletResponse response)
            throws IOException {
        AuditSearch search = new AuditSearch(
                text(actor, "actor"),
                text(action, "action"),
                outcome(outcome),
                text(target, "target"),
                instant(since, "since"),
                instant(until, "until"),
                cursor(cursor),
                limit(limit));
        if (ndjson(format, accept)) {
            export(search, response);
            return;
        }
        List<AuditRow> rows = queries.page(search);
        boolean more = rows.size() > search.limit();
        List<AuditRow> shown = more ? rows.subList(0, search.limit()) : rows;
        AuditPage page = new AuditPage(
                shown.stream().map(AuditEntryView::of).toList(),
                more ? Long.toString(shown.get(shown.size() - 1).seq()) : null);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), page);
    }

    private void export(AuditSearch search, HttpServletResponse response) throws IOException {
        response.setContentType(NDJSON);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"vigil-audit.ndjson\"");
        OutputStream out = response.getOutputStream();
        queries.export(search, row -> {
            try {
                out.write(json.writeValueAsBytes(AuditEntryView.of(row)));
                out.write('\n');
            } catch (IOException e) {
                throw new SQLException("the client stopped reading the export", e);
            }
        });
        out.flush();
    }

    private static boolean ndjson(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "ndjson" -> true;
                case "json" -> false;
                default -> throw new IllegalArgumentException("format must be json or ndjson");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(NDJSON);
    }

    private static @Nullable String text(@Nullable String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_FILTER_LENGTH + " characters");
        }
        return value;
    }

    private static @Nullable String outcome(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditOutcome.valueOf(value.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcome must be SUCCESS, FAILURE or DENIED");
        }
    }

    private static @Nullable Instant instant(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }
    }

    private static @Nullable Long cursor(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor must be the nextCursor of a previous page");
        }
    }

    private static int limit(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return AuditSearch.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number between 1 and " + AuditSearch.MAX_LIMIT);
        }
    }

    /** A page of entries, newest first, and the cursor of the next (older) page. */
    record AuditPage(List<AuditEntryView> items, @Nullable String nextCursor) {}
}
