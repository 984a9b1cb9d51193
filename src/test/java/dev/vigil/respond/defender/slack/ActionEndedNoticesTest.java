package dev.vigil.respond.defender.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.AlertId;
import dev.vigil.respond.DefenderActionEnded;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActionEndedNoticesTest {

    private final DefenderActionEnded ended =
            new DefenderActionEnded("contoso", "b89eb834-4578-496c-8be0-03f004061435", "1e5b", "Isolate", "Failed");

    @Test
    void saysDeviceActionStatusRequesterDurationAndAlert() {
        AlertId alert = AlertId.newId();
        Instant start = Instant.parse("2026-11-26T05:00:00Z");

        String text = ActionEndedNotices.text(
                ended,
                new SlackActionOrigins.Origin(alert, "U1", "C1", "1.2", "ws-042.contoso.com"),
                new SlackActionOrigins.Facts("user:alice", start, start.plusSeconds(185)));

        assertThat(text)
                .isEqualTo(
                        "Defender action Isolate on ws-042.contoso.com (1e5b) ended: Failed. Requested by user:alice;"
                                + " took 3 min 5 s. For Vigil alert " + alert
                                + ". (action b89eb834-4578-496c-8be0-03f004061435,"
                                + " tenant contoso)");
    }

    @Test
    void anActionNotStartedFromSlackNamesTheDeviceById() {
        assertThat(ActionEndedNotices.text(ended, null, null))
                .startsWith("Defender action Isolate on 1e5b ended: Failed. (action");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(ActionEndedNotices.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(ActionEndedNotices.duration(Duration.ofSeconds(7440))).isEqualTo("2 h 4 min");
        assertThat(ActionEndedNotices.duration(Duration.ofSeconds(-3))).isEqualTo("0 s");
    }
}
