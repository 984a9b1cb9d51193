package dev.vigil.respond.defender.incidents;

import dev.vigil.respond.defender.OData;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an incident list is narrowed to, turned into Graph's OData {@code $filter}. Enum values are checked
 * and written camelCase, free text is quoted with {@code '} doubled, and the time is a parsed instant, so no
 * caller input can change the shape of the filter.
 */
public record IncidentFilter(
        @Nullable String status,
        @Nullable String severity,
        @Nullable String assignedTo,
        @Nullable Instant createdAfter) {

    /** No filter at all: every incident, newest first. */
    public static final IncidentFilter NONE = new IncidentFilter(null, null, null, null);

    public IncidentFilter {
        status = IncidentValues.STATUS.canonicalOrNull(status);
        severity = IncidentValues.SEVERITY.canonicalOrNull(severity);
        if (assignedTo != null && assignedTo.length() > 256) {
            throw new InvalidIncidentRequest("assignedTo", "at most 256 characters");
        }
    }

    /** From query parameters; {@code createdAfter} is an ISO instant such as {@code 2024-05-01T00:00:00Z}. */
    public static IncidentFilter of(
            @Nullable String status,
            @Nullable String severity,
            @Nullable String assignedTo,
            @Nullable String createdAfter) {
        Instant after = null;
        if (createdAfter != null) {
            try {
                after = Instant.parse(createdAfter.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidIncidentRequest(
                        "createdAfter", "'" + clip(createdAfter) + "' is not an ISO instant like 2024-05-01T00:00:00Z");
            }
        }
        return new IncidentFilter(status, severity, assignedTo, after);
    }

    /** The {@code $filter} expression (not yet URL-encoded), or null when nothing narrows the list. */
    public @Nullable String odata() {
        List<String> clauses = new ArrayList<>();
        if (status != null) clauses.add("status eq '" + status + "'");
        if (severity != null) clauses.add("severity eq '" + severity + "'");
        if (assignedTo != null) clauses.add("assignedTo eq " + OData.literal(assignedTo));
        if (createdAfter != null) clauses.add("createdDateTime ge " + createdAfter);
        return clauses.isEmpty() ? null : String.join(" and ", clauses);
    }

    static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
