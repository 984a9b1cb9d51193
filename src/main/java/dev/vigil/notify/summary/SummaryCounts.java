package dev.vigil.notify.summary;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code summary_count} small: the triggers append a few rows per alert stored or changed, and this
 * merges each past hour's rows into one per dimension and value, with the same sums, so a report reads a
 * bounded number of rows per hour. A report is right before and after a merge; merging only makes it faster.
 * Safe on every instance: an advisory lock lets one merge at a time, and the others skip that round.
 */
@Component
class SummaryCounts implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SummaryCounts.class);
    static final Duration INTERVAL = Duration.ofMinutes(5);

    private static final String MERGE = """
            with turn as (select pg_try_advisory_xact_lock(hashtext('vigil.summary_count.merge')) as ours),
                 hours as (select distinct hour from summary_count
                            where not merged and hour < ? and (select ours from turn)),
                 moved as (delete from summary_count c using hours h where c.hour = h.hour returning c.*)
            insert into summary_count (hour, dimension, value, alerts, seconds, merged)
            select hour, dimension, value, sum(alerts), sum(seconds), true
              from moved
             group by hour, dimension, value
            having sum(alerts) <> 0 or sum(seconds) <> 0
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    SummaryCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                () -> {
                    try {
                        merge(clock.instant());
                    } catch (RuntimeException e) {
                        log.warn("Could not merge the summary's hourly counts; will try again", e);
                    }
                },
                INTERVAL);
    }

    /** Merges the rows of every hour that ended before {@code now}; returns how many merged rows it wrote. */
    int merge(Instant now) {
        return jdbc.update(MERGE, Timestamp.from(now.truncatedTo(ChronoUnit.HOURS)));
    }
}
