package dev.vigil.respond.defender;

import dev.vigil.respond.DefenderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link DefenderStatus} from {@link DefenderHealth} and the stored actions. A tenant whose token was last
 * checked over a minute ago (or never) gets a token check on a background thread, so an instance that has
 * made no Defender call yet still learns whether its credentials work, and no status request ever waits for
 * Entra ID or calls it more than once a minute per tenant.
 */
final class DefenderStatusReport implements DefenderStatus, DisposableBean {

    static final Duration TOKEN_CHECK_EVERY = Duration.ofSeconds(60);

    private final List<String> tenants;
    private final DefenderHealth health;
    private final DefenderHttp http;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Set<String> checking = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> lastAsked = new ConcurrentHashMap<>();
    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "defender-token-check");
        thread.setDaemon(true);
        return thread;
    });

    DefenderStatusReport(
            DefenderProperties properties, DefenderHealth health, DefenderHttp http, JdbcTemplate jdbc, Clock clock) {
        this.tenants = properties.tenants().keySet().stream().sorted().toList();
        this.health = health;
        this.http = http;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Status status() {
        if (tenants.isEmpty()) {
            return new Status(false, null, 0, List.of());
        }
        Map<String, Long> pending = pending();
        List<Tenant> views = new ArrayList<>();
        Boolean allReachable = null;
        for (String name : tenants) {
            DefenderHealth.Seen seen = health.of(name);
            checkTokenIfStale(name, seen);
            views.add(new Tenant(
                    name,
                    seen.token(),
                    seen.tokenCheckedAt(),
                    seen.reachable(),
                    seen.lastCallAt(),
                    seen.lastError(),
                    pending.getOrDefault(name, 0L)));
            if (seen.reachable() != null) {
                allReachable = (allReachable == null || allReachable) && seen.reachable();
            }
        }
        long total = pending.values().stream().mapToLong(Long::longValue).sum();
        return new Status(true, allReachable, total, views);
    }

    private Map<String, Long> pending() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(
                "select tenant, count(*) from defender_action where status in ('Pending', 'InProgress') group by tenant",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private void checkTokenIfStale(String tenant, DefenderHealth.Seen seen) {
        Instant now = clock.instant();
        Instant last = latest(seen.tokenCheckedAt(), lastAsked.get(tenant));
        if (last != null && last.isAfter(now.minus(TOKEN_CHECK_EVERY))) {
            return;
        }
        if (!checking.add(tenant)) {
            return;
        }
        lastAsked.put(tenant, now);
        try {
            checks.execute(() -> {
                try {
                    http.checkToken(tenant);
                } catch (RuntimeException e) {
                    // Recorded by the check where it can be; the status shows the last known state.
                } finally {
                    checking.remove(tenant);
                }
            });
        } catch (RejectedExecutionException e) {
            checking.remove(tenant);
        }
    }

    private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
