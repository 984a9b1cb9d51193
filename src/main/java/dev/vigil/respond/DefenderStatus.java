package dev.vigil.respond;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Defender as the status endpoint shows it: per configured tenant, what this instance last saw (a token,
 * an answer, the last failure in short) and how many of the actions Vigil started are still running.
 * Reading it never waits for Microsoft.
 */
public interface DefenderStatus {

    Status status();

    /**
     * @param reachable whether every tenant's last call was answered; null until one was made
     * @param actionsPending actions Vigil started that Defender reports {@code Pending} or {@code InProgress}
     */
    record Status(boolean configured, @Nullable Boolean reachable, long actionsPending, List<Tenant> tenants) {}

    /**
     * @param token whether Entra ID gave this instance a Defender token at the last try (checked in the
     *     background at most once a minute while the status is read); null before the first try
     * @param reachable whether Defender answered this instance's latest call; null before the first call
     * @param lastError the latest call's failure in short ({@code 403 Forbidden}, {@code unavailable},
     *     {@code token AADSTS7000215}); null when it went well
     */
    record Tenant(
            String name,
            @Nullable Boolean token,
            @Nullable Instant tokenCheckedAt,
            @Nullable Boolean reachable,
            @Nullable Instant lastCallAt,
            @Nullable String lastError,
            long actionsPending) {}
}
