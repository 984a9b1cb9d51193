package dev.vigil.alert;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search over stored alerts, newest first, continuing after {@code after} (the last id of the previous
 * page) when given. Empty sets mean "any". {@code technique} matches the technique and its sub-techniques.
 */
public record AlertQuery(
        Set<AlertKind> kinds,
        Set<Severity> severities,
        Set<RiskClass> classes,
        Set<AlertStatus> statuses,
        Set<SourceFormat> sources,
        @Nullable Instant since,
        @Nullable Instant until,
        @Nullable String text,
        @Nullable String technique,
        @Nullable AlertId after,
        int limit) {

    public static final int MAX_LIMIT = 500;
    private static final java.util.regex.Pattern TECHNIQUE = java.util.regex.Pattern.compile("T\\d{4}(\\.\\d{3})?");

    public AlertQuery {
        kinds = Set.copyOf(kinds);
        severities = Set.copyOf(severities);
        classes = Set.copyOf(classes);
        statuses = Set.copyOf(statuses);
        sources = Set.copyOf(sources);
        if (technique != null && !TECHNIQUE.matcher(technique).matches()) {
            throw new IllegalArgumentException("technique must be an ATT&CK id such as T1003 or T1003.001");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1-" + MAX_LIMIT + ": " + limit);
        }
    }
}
