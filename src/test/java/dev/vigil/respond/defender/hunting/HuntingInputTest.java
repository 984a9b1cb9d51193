package dev.vigil.respond.defender.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.alert.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HuntingInputTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "P30D",
                "PT6H",
                "2024-02-01T08:00:00Z",
                "2024-02-01T08:00:00Z/2024-02-15T08:00:00Z",
                "P30D/2024-02-15T08:00:00Z",
                "2024-02-01T08:00:00Z/P30D"
            })
    void takesEveryDocumentedTimespanForm(String timespan) {
        assertThat(Timespans.check(" " + timespan + " ")).isEqualTo(timespan);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 days", "P1D/P2D", "2024-02-01", "a/b/c", "-P1D", "2024-02-01T08:00:00Z/"})
    void refusesAnythingElse(String timespan) {
        assertThatThrownBy(() -> Timespans.check(timespan))
                .isInstanceOf(InvalidHunt.class)
                .satisfies(e -> assertThat(((InvalidHunt) e).field()).isEqualTo("timespan"));
    }

    @Test
    void theRowCapDefaultsToAThousandAndStaysWithinGraphsLimit() {
        assertThat(Hunting.checkMaxRows(null)).isEqualTo(1_000);
        assertThat(Hunting.checkMaxRows(100_000)).isEqualTo(100_000);
        assertThatThrownBy(() -> Hunting.checkMaxRows(0)).isInstanceOf(InvalidHunt.class);
        assertThatThrownBy(() -> Hunting.checkMaxRows(100_001)).isInstanceOf(InvalidHunt.class);
    }

    @Test
    void aSavedQueryNeedsASlugNameAndAQuery() {
        var input = new SavedQueryInput(null, null, "DeviceEvents | take 1", null, null, "why");
        assertThat(SavedQueryFields.from("contoso", "ok-name-1", input).name()).isEqualTo("ok-name-1");
        for (String bad : new String[] {"", "-x", "Upper", "a_b", "x".repeat(64), "a/b"}) {
            assertThatThrownBy(() -> SavedQueryFields.from("contoso", bad, input))
                    .as(bad)
                    .isInstanceOf(InvalidHunt.class)
                    .satisfies(e -> assertThat(((InvalidHunt) e).field()).isEqualTo("name"));
        }
        assertThatThrownBy(() ->
                        SavedQueryFields.from("contoso", "q", new SavedQueryInput(null, null, "  ", null, null, "why")))
                .satisfies(e -> assertThat(((InvalidHunt) e).field()).isEqualTo("query"));
    }

    @Test
    void aScheduleRunsBetweenFiveMinutesAndADayAtMediumSeverityUnlessSaid() {
        var every15 = new SavedQueryInput.ScheduleInput("PT15M", null, null);
        Schedule schedule = SavedQueryFields.from(
                        "contoso", "q", new SavedQueryInput(null, null, "T | take 1", null, every15, "why"))
                .schedule();
        assertThat(schedule).isEqualTo(new Schedule(Duration.ofMinutes(15), Severity.MEDIUM, true));

        for (String interval : new String[] {"PT4M59S", "P1DT1S", "fortnightly", ""}) {
            var bad = new SavedQueryInput.ScheduleInput(interval, "high", true);
            assertThatThrownBy(() -> SavedQueryFields.from(
                            "contoso", "q", new SavedQueryInput(null, null, "T", null, bad, "why")))
                    .as(interval)
                    .satisfies(e -> assertThat(((InvalidHunt) e).field()).isEqualTo("schedule.interval"));
        }
        var badSeverity = new SavedQueryInput.ScheduleInput("PT1H", "urgent", true);
        assertThatThrownBy(() -> SavedQueryFields.from(
                        "contoso", "q", new SavedQueryInput(null, null, "T", null, badSeverity, "why")))
                .satisfies(e -> assertThat(((InvalidHunt) e).field()).isEqualTo("schedule.severity"));
    }
}
