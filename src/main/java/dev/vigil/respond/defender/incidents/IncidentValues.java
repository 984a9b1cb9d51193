package dev.vigil.respond.defender.incidents;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The enum members an incident's fields may take (external-apis §3.2). Callers may write them in any case;
 * Graph gets them camelCase. {@code unknownFutureValue} is Graph's placeholder, never a value to set or filter on.
 */
enum IncidentValues {
    STATUS("status", List.of("active", "resolved", "inProgress", "redirected", "awaitingAction")),
    SEVERITY("severity", List.of("unknown", "informational", "low", "medium", "high")),
    CLASSIFICATION(
            "classification", List.of("unknown", "falsePositive", "truePositive", "informationalExpectedActivity")),
    /** The resource page's members plus the update page's {@code notMalicious} and {@code notEnoughDataToValidate}. */
    DETERMINATION(
            "determination",
            List.of(
                    "unknown",
                    "apt",
                    "malware",
                    "securityPersonnel",
                    "securityTesting",
                    "unwantedSoftware",
                    "other",
                    "multiStagedAttack",
                    "compromisedUser",
                    "phishing",
                    "maliciousUserActivity",
                    "clean",
                    "insufficientData",
                    "confirmedUserActivity",
                    "lineOfBusinessApplication",
                    "notMalicious",
                    "notEnoughDataToValidate"));

    private final String field;
    private final List<String> members;
    private final Map<String, String> byLowerCase;

    IncidentValues(String field, List<String> members) {
        this.field = field;
        this.members = members;
        this.byLowerCase =
                members.stream().collect(Collectors.toMap(m -> m.toLowerCase(Locale.ROOT), Function.identity()));
    }

    /** The camelCase member Graph expects, or a 400 naming the members allowed. */
    String canonical(String value) {
        String member = byLowerCase.get(value.strip().toLowerCase(Locale.ROOT));
        if (member == null) {
            throw new InvalidIncidentRequest(
                    field, "'" + IncidentFilter.clip(value) + "' is not one of " + String.join(", ", members));
        }
        return member;
    }

    @Nullable
    String canonicalOrNull(@Nullable String value) {
        return value == null ? null : canonical(value);
    }
}
