package dev.vigil.notify.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryPeriodTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone);
    }

    /** 2026-11-23 is a Monday. */
    @ParameterizedTest
    @CsvSource({
        "2026-11-23T08:00, 2026-11-20T08:00:00Z, 72",
        "2026-11-24T08:00, 2026-11-23T08:00:00Z, 24",
        "2026-11-25T08:00, 2026-11-24T08:00:00Z, 24",
        "2026-11-26T08:00, 2026-11-25T08:00:00Z, 24",
        "2026-11-27T08:00, 2026-11-26T08:00:00Z, 24"
    })
    void weekdaysWhenWeekendsAreSkipped(String run, Instant from, long hours) {
        SummaryPeriod period =
                SummaryPeriod.forRun(at(run, UTC), WeekendPolicy.SKIP).orElseThrow();
        assertThat(period.from()).isEqualTo(from);
        assertThat(period.to()).isEqualTo(at(run, UTC).toInstant());
        assertThat(period.length()).isEqualTo(Duration.ofHours(hours));
    }

    @ParameterizedTest
    @CsvSource({"2026-11-28T08:00", "2026-11-29T08:00"})
    void noReportOnTheWeekendWhenSkipped(String run) {
        assertThat(SummaryPeriod.forRun(at(run, UTC), WeekendPolicy.SKIP)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-23T08:00",
        "2026-11-24T08:00",
        "2026-11-25T08:00",
        "2026-11-26T08:00",
        "2026-11-27T08:00",
        "2026-11-28T08:00",
        "2026-11-29T08:00"
    })
    void everyDayCoversTwentyFourHoursWhenWeekendsAreDaily(String run) {
        SummaryPeriod period =
                SummaryPeriod.forRun(at(run, UTC), WeekendPolicy.DAILY).orElseThrow();
        assertThat(period.length()).isEqualTo(Duration.ofHours(24));
        assertThat(period.to()).isEqualTo(at(run, UTC).toInstant());
    }

    /**
     * Clocks change early on a Sunday in both zones: Monday's report starts at Friday 08:00 local and
     * spans 71 h (spring) or 73 h (autumn); with daily weekends, Sunday's spans 23 or 25 h.
     */
    @ParameterizedTest
    @CsvSource({
        "Europe/Berlin, 2026-03-30T08:00, SKIP, 2026-03-27T08:00, 71",
        "Europe/Berlin, 2026-10-26T08:00, SKIP, 2026-10-23T08:00, 73",
        "Europe/Berlin, 2026-03-29T08:00, DAILY, 2026-03-28T08:00, 23",
        "Europe/Berlin, 2026-10-25T08:00, DAILY, 2026-10-24T08:00, 25",
        "Europe/Berlin, 2026-03-30T08:00, DAILY, 2026-03-29T08:00, 24",
        "America/New_York, 2026-03-09T08:00, SKIP, 2026-03-06T08:00, 71",
        "America/New_York, 2026-11-02T08:00, SKIP, 2026-10-30T08:00, 73",
        "America/New_York, 2026-03-08T08:00, DAILY, 2026-03-07T08:00, 23",
        "America/New_York, 2026-11-01T08:00, DAILY, 2026-10-31T08:00, 25"
    })
    void daylightSavingChanges(ZoneId zone, String run, WeekendPolicy weekends, String from, long hours) {
        SummaryPeriod period = SummaryPeriod.forRun(at(run, zone), weekends).orElseThrow();
        assertThat(period.from()).isEqualTo(at(from, zone).toInstant());
        assertThat(period.length()).isEqualTo(Duration.ofHours(hours));
    }

    @Test
    void reportsTileWithoutGapsAcrossAWeekInBerlin() {
        ZonedDateTime run = at("2026-10-19T08:00", BERLIN);
        SummaryPeriod last = null;
        for (int i = 0; i < 14; i++, run = run.plusDays(1)) {
            var period = SummaryPeriod.forRun(run, WeekendPolicy.SKIP);
            if (period.isEmpty()) {
                continue;
            }
            if (last != null) {
                assertThat(period.get().from()).isEqualTo(last.to());
            }
            last = period.get();
        }
        assertThat(last).isNotNull();
    }

    @Test
    void previousPeriodHasTheSameLengthAndEndsWhereThisStarts() {
        SummaryPeriod period =
                new SummaryPeriod(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(period.previous())
                .isEqualTo(new SummaryPeriod(
                        Instant.parse("2026-11-22T08:00:00Z"), Instant.parse("2026-11-23T08:00:00Z")));
    }

    @Test
    void refusesEmptyReversedAndOverlongPeriods() {
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        assertThatThrownBy(() -> new SummaryPeriod(t, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SummaryPeriod(t, t.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new SummaryPeriod(t, t.plus(Duration.ofDays(31)).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SummaryPeriod(t, t.plus(Duration.ofDays(31))).length()).isEqualTo(Duration.ofDays(31));
    }
}
