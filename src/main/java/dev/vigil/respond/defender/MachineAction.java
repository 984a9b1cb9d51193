package dev.vigil.respond.defender;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A device response action as Defender reports it (external-apis §2.4), in Defender's own field names. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MachineAction(
        String id,
        String type,
        @Nullable String scope,
        @Nullable String requestor,
        @Nullable String requestorComment,
        String status,
        String machineId,
        @Nullable String computerDnsName,
        @Nullable Instant creationDateTimeUtc,
        // The list examples spell it lastUpdateTimeUtc; which one the live API sends is unconfirmed.
        @JsonAlias("lastUpdateTimeUtc") @Nullable Instant lastUpdateDateTimeUtc,
        @Nullable String cancellationRequestor,
        @Nullable String cancellationComment,
        @Nullable Instant cancellationDateTimeUtc,
        @Nullable RelatedFile relatedFileInfo) {

    /** Defender's end states: once in one, an action never changes again. */
    public static final Set<String> FINAL = Set.of("Succeeded", "Failed", "TimeOut", "Cancelled");

    public static final Set<String> STATUSES =
            Set.of("Pending", "InProgress", "Succeeded", "Failed", "TimeOut", "Cancelled");

    public boolean ended() {
        return FINAL.contains(status);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RelatedFile(
            @Nullable String fileIdentifier, @Nullable String fileIdentifierType) {}
}
