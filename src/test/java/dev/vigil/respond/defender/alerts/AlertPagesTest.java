package dev.vigil.respond.defender.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AlertPagesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private List<PolledAlert> read(String body) {
        return AlertPages.read(json.readTree(body));
    }

    @Test
    void readsIdsAndLastUpdateTimesToTheHundredNanosecond() {
        List<PolledAlert> alerts = read("""
                {"@odata.context": "x", "value": [
                  {"id": "da637551227677560813_-961444813", "lastUpdateDateTime": "2024-05-02T14:19:01.3266667Z",
                   "title": "Suspicious execution of hidden file"},
                  {"id": "b", "lastUpdateDateTime": "2024-05-02T16:19:01+02:00"}]}""");

        assertThat(alerts).extracting(PolledAlert::id).containsExactly("da637551227677560813_-961444813", "b");
        assertThat(alerts.get(0).lastUpdate()).isEqualTo(Instant.parse("2024-05-02T14:19:01.3266667Z"));
        assertThat(alerts.get(1).lastUpdate()).isEqualTo(Instant.parse("2024-05-02T14:19:01Z"));
        assertThat(alerts.get(0).alert().path("title").asString()).isEqualTo("Suspicious execution of hidden file");
    }

    @Test
    void anEmptyPageIsNoAlerts() {
        assertThat(read("{\"value\": []}")).isEmpty();
    }

    @Test
    void refusesPagesTheWatermarkCannotRestOn() {
        for (String body : List.of(
                "{}",
                "{\"value\": {}}",
                "{\"value\": [1]}",
                "{\"value\": [{\"lastUpdateDateTime\": \"2024-05-02T14:19:01Z\"}]}",
                "{\"value\": [{\"id\": \"\", \"lastUpdateDateTime\": \"2024-05-02T14:19:01Z\"}]}",
                "{\"value\": [{\"id\": 7, \"lastUpdateDateTime\": \"2024-05-02T14:19:01Z\"}]}",
                "{\"value\": [{\"id\": \"a\"}]}",
                "{\"value\": [{\"id\": \"a\", \"lastUpdateDateTime\": \"yesterday\"}]}",
                "{\"value\": [{\"id\": \"a\", \"lastUpdateDateTime\": \"2024-05-02T14:19:01\"}]}")) {
            assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(MalformedAlertPage.class);
        }
    }
}
