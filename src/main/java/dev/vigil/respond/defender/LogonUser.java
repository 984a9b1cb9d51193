package dev.vigil.respond.defender;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A user who logged on to a device ({@code GET /api/machines/{id}/logonusers}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogonUser(
        @Nullable String id,
        @Nullable String accountName,
        @Nullable String accountDomain,
        @Nullable String accountSid,
        @Nullable Instant firstSeen,
        @Nullable Instant lastSeen,
        @Nullable String logonTypes,
        @JsonProperty("isDomainAdmin") @Nullable Boolean domainAdmin) {}
