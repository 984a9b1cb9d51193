package dev.vigil.notify.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SummaryCountsTest {

    @Test
    void theMigrationCountsThreatCategoriesByTheEnumsTable() throws IOException {
        String migration =
                Files.readString(Path.of("src/main/resources/db/migration/V11__summary_runs_and_counts.sql"));
        assertThat(migration).contains(SummaryReports.categoryExpression());
    }

    @Test
    void periodsSplitIntoWholeHoursAndTheirEnds() {
        Instant at = Instant.parse("2026-11-23T07:30:00Z");
        assertThat(SummaryReports.floorHour(at)).isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
        assertThat(SummaryReports.ceilHour(at)).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        Instant hour = Instant.parse("2026-11-23T08:00:00Z");
        assertThat(SummaryReports.ceilHour(hour)).isEqualTo(hour);
        assertThat(SummaryReports.floorHour(hour)).isEqualTo(hour);
    }

    @Test
    void theMeanTimeToAcknowledgeIsKeptToTheMicrosecond() {
        assertThat(SummaryReports.meanSeconds(10, 3)).isEqualTo(3.333333);
    }

    @Test
    void retriesBackOffExponentiallyUpToTheLimit() {
        SummaryProperties p =
                new SummaryProperties(null, null, null, null, null, 8, Duration.ofMinutes(1), Duration.ofMinutes(10));
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.backoff(30)).isEqualTo(Duration.ofMinutes(10));
    }
}
