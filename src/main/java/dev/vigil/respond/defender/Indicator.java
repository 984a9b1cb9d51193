package dev.vigil.respond.defender;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A custom indicator as Defender answers it (external-apis §2.6), in Defender's field names. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Indicator(
        String id,
        String indicatorValue,
        String indicatorType,
        @Nullable String action,
        @Nullable String severity,
        @Nullable String title,
        @Nullable String description,
        @Nullable String recommendedActions,
        @Nullable Instant expirationTime,
        @Nullable Boolean generateAlert,
        @Nullable String sourceType,
        @Nullable String createdBy,
        @Nullable String createdByDisplayName,
        @Nullable Instant creationTimeDateTimeUtc,
        @Nullable Instant lastUpdateTime,
        @Nullable List<String> rbacGroupNames) {}
