package dev.vigil.respond.defender;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What this instance last saw of each tenant, as {@link DefenderHttp} reports it: whether Entra ID gave a
 * token, whether Defender answered, and the last failure in short (an error code, never a secret). The status
 * endpoint reads it instead of calling Microsoft.
 */
public final class DefenderHealth {

    /**
     * One tenant's last known state; nulls until it happened.
     *
     * @param token whether the last token request (or the call that needed one) got a token
     * @param reachable whether Defender answered the last call at all (a refusal is an answer)
     * @param lastError the last call's failure, or null when it went well
     */
    public record Seen(
            @Nullable Boolean token,
            @Nullable Instant tokenCheckedAt,
            @Nullable Boolean reachable,
            @Nullable Instant lastCallAt,
            @Nullable String lastError) {

        static final Seen NOTHING = new Seen(null, null, null, null, null);
    }

    private final Map<String, Seen> tenants = new ConcurrentHashMap<>();
    private final Clock clock;

    public DefenderHealth(Clock clock) {
        this.clock = clock;
    }

    public Seen of(String tenant) {
        return tenants.getOrDefault(tenant, Seen.NOTHING);
    }

    void tokenObtained(String tenant) {
        Instant now = clock.instant();
        tenants.compute(tenant, (t, s) -> {
            Seen seen = s == null ? Seen.NOTHING : s;
            return new Seen(true, now, seen.reachable(), seen.lastCallAt(), seen.lastError());
        });
    }

    void tokenFailed(String tenant, String error) {
        Instant now = clock.instant();
        tenants.compute(tenant, (t, s) -> {
            Seen seen = s == null ? Seen.NOTHING : s;
            return new Seen(false, now, seen.reachable(), seen.lastCallAt(), error);
        });
    }

    /** A call Defender answered: {@code error} is null when it went well, else Defender's refusal in short. */
    void answered(String tenant, @Nullable String error) {
        called(tenant, true, error);
    }

    void unreachable(String tenant, String error) {
        called(tenant, false, error);
    }

    private void called(String tenant, boolean reachable, @Nullable String error) {
        Instant now = clock.instant();
        tenants.compute(tenant, (t, s) -> new Seen(true, now, reachable, now, error));
    }
}
