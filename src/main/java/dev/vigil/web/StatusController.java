package dev.vigil.web;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.alert.WorkerHeartbeats;
import dev.vigil.alert.WorkerHeartbeats.WorkerHeartbeat;
import dev.vigil.notify.SlackDelivery;
import dev.vigil.respond.DefenderStatus;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/status}: what an operator checks first. Slack shows whether it answered this instance's
 * latest call and the outbox's backlog and dead letters; Defender per tenant whether this instance got a token
 * and an answer lately, and the actions still running; the AI analyst reports {@code configured: false} until
 * the issue that builds it lands.
 */
@RestController
class StatusController {

    /** A worker that has not reported for this long is shown as not alive. */
    private static final Duration STALE = Duration.ofSeconds(30);

    private final WorkerHeartbeats heartbeats;
    private final JdbcTemplate jdbc;
    private final String databaseKind;
    private final SlackDelivery slack;
    private final DefenderStatus defender;

    StatusController(
            WorkerHeartbeats heartbeats,
            JdbcTemplate jdbc,
            SlackDelivery slack,
            DefenderStatus defender,
            @Value("${spring.datasource.url:}") String databaseUrl) {
        this.heartbeats = heartbeats;
        this.slack = slack;
        this.defender = defender;
        this.jdbc = jdbc;
        this.databaseKind = databaseUrl.isBlank() ? "embedded" : "server";
    }

    @RequiresPermission(Permission.STATUS_READ)
    @GetMapping("/api/v1/status")
    Status status() {
        Instant now = Instant.now();
        List<WorkerView> workers =
                heartbeats.all().stream().map(h -> WorkerView.of(h, now)).toList();
        return new Status(
                version(),
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())
                        .toSeconds(),
                workers,
                database(),
                slack(),
                defender(),
                Integration.NOT_CONFIGURED,
                null);
    }

    private SlackDelivery.@Nullable Status slack() {
        try {
            return slack.status();
        } catch (RuntimeException e) {
            // The database is down; the database entry says so.
            return null;
        }
    }

    private DefenderStatus.@Nullable Status defender() {
        try {
            return defender.status();
        } catch (RuntimeException e) {
            // The pending counts come from the database; the database entry says why.
            return null;
        }
    }

    private DatabaseView database() {
        try {
            String version = jdbc.queryForObject("show server_version", String.class);
            return new DatabaseView(true, databaseKind, version);
        } catch (RuntimeException e) {
            return new DatabaseView(false, databaseKind, null);
        }
    }

    private static String version() {
        String version = StatusController.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    record Status(
            String version,
            long uptimeSeconds,
            List<WorkerView> workers,
            DatabaseView database,
            SlackDelivery.@Nullable Status slack,
            DefenderStatus.@Nullable Status defender,
            Integration ai,
            @Nullable Double aiBudgetLeftTodayUsd) {}

    record WorkerView(String id, String instance, Instant lastBeat, long processed, boolean alive) {
        static WorkerView of(WorkerHeartbeat h, Instant now) {
            return new WorkerView(
                    h.workerId(),
                    h.instance(),
                    h.lastBeat(),
                    h.processed(),
                    h.lastBeat().isAfter(now.minus(STALE)));
        }
    }

    record DatabaseView(boolean up, String kind, @Nullable String version) {}

    record Integration(boolean configured, @Nullable Boolean reachable) {
        static final Integration NOT_CONFIGURED = new Integration(false, null);
    }
}
