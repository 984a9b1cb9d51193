package dev.vigil.notify.summary;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The half-open interval {@code [from, to)} a summary covers.
 *
 * <p>A scheduled run covers the time since the previous scheduled run at the same local time: one day back
 * on Tuesday to Friday, three days back on Monday when weekends are skipped (Friday's run to Monday's).
 * Days are counted on the local calendar, so consecutive reports tile without gap or overlap; on the
 * weekend a clock changes, Monday's report therefore spans 71 or 73 real hours, and a 24-hour report on a
 * DST day 23 or 25.
 */
public record SummaryPeriod(Instant from, Instant to) {

    /** The longest period a report may cover (the API refuses longer ones). */
    public static final Duration LONGEST = Duration.ofDays(31);

    public SummaryPeriod {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a summary covers at most 31 days");
        }
    }

    /** The period a run at {@code runAt} (in the summary's zone) covers, or empty when it does not run. */
    public static Optional<SummaryPeriod> forRun(ZonedDateTime runAt, WeekendPolicy weekends) {
        DayOfWeek day = runAt.getDayOfWeek();
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        if (weekend && weekends == WeekendPolicy.SKIP) {
            return Optional.empty();
        }
        int days = day == DayOfWeek.MONDAY && weekends == WeekendPolicy.SKIP ? 3 : 1;
        return Optional.of(new SummaryPeriod(runAt.minusDays(days).toInstant(), runAt.toInstant()));
    }

    /** The period of the same length just before this one, for the change figures. */
    public SummaryPeriod previous() {
        return new SummaryPeriod(from.minus(length()), from);
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
