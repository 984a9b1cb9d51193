package dev.vigil.notify.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SummaryControllerPeriodTest {

    private static final Instant NOW = Instant.parse("2026-11-26T00:40:00Z");

    @Test
    void withoutParametersTheLastTwentyFourHours() {
        assertThat(SummaryController.period(null, null, NOW))
                .isEqualTo(new SummaryPeriod(Instant.parse("2026-11-25T00:40:00Z"), NOW));
        assertThat(SummaryController.period("", " ", NOW))
                .isEqualTo(new SummaryPeriod(Instant.parse("2026-11-25T00:40:00Z"), NOW));
    }

    @Test
    void fromAloneRunsToNowAndToAloneCoversTheDayBefore() {
        assertThat(SummaryController.period("2026-11-20T00:00:00Z", null, NOW))
                .isEqualTo(new SummaryPeriod(Instant.parse("2026-11-20T00:00:00Z"), NOW));
        assertThat(SummaryController.period(null, "2026-11-24T08:00:00Z", NOW))
                .isEqualTo(new SummaryPeriod(
                        Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-24T08:00:00Z")));
    }

    @Test
    void anUnparsableInstantIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> SummaryController.period("<script>", null, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'from' must be an ISO-8601 instant")
                .hasMessageNotContaining("<script>");
    }

    @Test
    void everyCategoryOfTheTableIsInTheSqlOnceInOrder() {
        String sql = SummaryReports.categoryExpression();
        int last = -1;
        for (ThreatCategory category : ThreatCategory.values()) {
            int at = sql.indexOf("'" + category.id() + "'");
            assertThat(at).as(category.id()).isGreaterThan(last);
            last = at;
        }
        assertThat(sql).contains("techniques @> '[{\"tactics\":[\"impact\"]}]'::jsonb");
    }
}
