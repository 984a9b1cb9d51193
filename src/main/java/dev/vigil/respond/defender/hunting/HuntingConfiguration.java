package dev.vigil.respond.defender.hunting;

import dev.vigil.alert.AlertStore;
import dev.vigil.ingest.AtRestPseudonymisation;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderTenants;
import dev.vigil.respond.defender.PollingThread;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Advanced hunting: the Graph client on the shared {@link DefenderHttp}, the saved-query library and its scheduler. */
@Configuration(proxyBeanMethods = false)
class HuntingConfiguration {

    @Bean
    Hunting hunting(DefenderHttp http) {
        return new Hunting(http);
    }

    @Bean
    SavedQueries savedHuntingQueries(JdbcTemplate jdbc, TransactionTemplate tx) {
        return new SavedQueries(jdbc, tx);
    }

    @Bean
    HuntLedger huntLedger(JdbcTemplate jdbc) {
        return new HuntLedger(jdbc);
    }

    @Bean
    ScheduledHunts scheduledHunts(
            SavedQueries queries,
            HuntLedger ledger,
            Hunting hunting,
            DefenderCalls calls,
            DefenderTenants tenants,
            AlertStore alerts,
            AtRestPseudonymisation atRest,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            @Value("${vigil.defender.hunting.overlap:5m}") Duration overlap,
            @Value("${vigil.defender.hunting.max-alerts-per-run:1000}") int maxAlertsPerRun) {
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("vigil.defender.hunting.overlap must not be negative");
        }
        if (maxAlertsPerRun < 1 || maxAlertsPerRun > Hunting.MAX_ROWS) {
            throw new IllegalArgumentException("vigil.defender.hunting.max-alerts-per-run must be 1 to 100000");
        }
        return new ScheduledHunts(
                queries,
                ledger,
                hunting,
                calls,
                tenants,
                alerts,
                atRest,
                events,
                tx,
                overlap,
                maxAlertsPerRun,
                Clock.systemUTC());
    }

    @Bean
    HuntRetention huntRetention(
            HuntLedger ledger, @Value("${vigil.defender.hunting.run-retention:90d}") Duration runRetention) {
        if (runRetention.isNegative()) {
            throw new IllegalArgumentException(
                    "vigil.defender.hunting.run-retention must not be negative (0 keeps everything)");
        }
        return new HuntRetention(ledger, runRetention, Clock.systemUTC());
    }

    /**
     * Every {@code tick}, deletes expired runs and seen rows (bounded batches), then runs the saved queries whose
     * schedule makes them due, at most {@value #PER_TICK} (the rest wait for the next tick). Any number of
     * instances may run it: each due query is claimed in the database, so one instance runs it per period. Off
     * with no tenant or {@code scheduler-enabled: false}.
     */
    @Bean
    PollingThread huntScheduler(
            ScheduledHunts hunts,
            HuntRetention retention,
            DefenderTenants tenants,
            @Value("${vigil.defender.hunting.scheduler-enabled:true}") boolean enabled,
            @Value("${vigil.defender.hunting.tick:1m}") Duration tick) {
        return new PollingThread(
                "defender-hunting-scheduler", tick, enabled && !tenants.names().isEmpty(), () -> {
                    retention.sweep();
                    hunts.runDue(PER_TICK);
                });
    }

    static final int PER_TICK = 20;
}
