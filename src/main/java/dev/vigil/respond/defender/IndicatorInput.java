package dev.vigil.respond.defender;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One indicator as a caller asks for it, in Defender's field names (external-apis §2.6); unchecked until
 * {@link IndicatorRules#check}. {@code reason} is Vigil's own: why the change (required; a bulk import's items may
 * take the batch's). Enumerations are plain strings so a wrong one is a 400 naming the field.
 */
public record IndicatorInput(
        @Nullable String indicatorValue,
        @Nullable String indicatorType,
        @Nullable String action,
        @Nullable String severity,
        @Nullable String title,
        @Nullable String description,
        @Nullable String expirationTime,
        @Nullable String recommendedActions,
        @Nullable List<String> rbacGroupNames,
        @Nullable Boolean generateAlert,
        @Nullable String educateUrl,
        @Nullable String application,
        @Nullable String reason) {}
