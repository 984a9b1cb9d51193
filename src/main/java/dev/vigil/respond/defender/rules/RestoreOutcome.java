package dev.vigil.respond.defender.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** What a restore did (or, dry, would do) with one rule of the backup, matched to the tenant's by name. */
public record RestoreOutcome(
        @Nullable String displayName,
        Result result,
        @Nullable String id,
        @Nullable String error) {

    public enum Result {
        @JsonProperty("created")
        CREATED,
        @JsonProperty("updated")
        UPDATED,
        @JsonProperty("unchanged")
        UNCHANGED,
        @JsonProperty("failed")
        FAILED
    }
}
