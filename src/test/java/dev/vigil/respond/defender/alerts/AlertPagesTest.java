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
        AlertPages.Read read = AlertPages.read(json.readTree(body));
        assertThat(read.skipped()).isEmpty();
        return read.alerts();
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
    void onlyAPageWithoutAValueArrayIsMalformed() {
        for (String body : List.of("{}", "{\"value\": {}}", "{\"value\": null}", "{\"error\": {\"code\": \"x\"}}")) {
            assertThatThrownBy(() -> AlertPages.read(json.readTree(body)))
                    .as(body)
                    .isInstanceOf(MalformedAlertPage.class)
                    .hasMessageContaining("'value'");
        }
    }

    @Test
    void skipsItemsWithoutAUsableIdOrTimeAndKeepsTheRest() {
        AlertPages.Read read = AlertPages.read(json.readTree("""
                {"value": [
                  1,
                  {"id": "good-1", "lastUpdateDateTime": "2024-05-02T14:19:01Z"},
                  {"lastUpdateDateTime": "2024-05-02T14:19:01Z", "title": "kai's secret laptop"},
                  {"id": "", "lastUpdateDateTime": "2024-05-02T14:19:01Z"},
                  {"id": 7, "lastUpdateDateTime": "2024-05-02T14:19:01Z"},
                  {"id": "a"},
                  {"id": "b", "lastUpdateDateTime": "yesterday"},
                  {"id": "c", "lastUpdateDateTime": "2024-05-02T14:19:01"},
                  {"id": "good-2", "lastUpdateDateTime": "2024-05-02T14:19:02Z"}]}"""));

        assertThat(read.alerts()).extracting(PolledAlert::id).containsExactly("good-1", "good-2");
        assertThat(read.skipped())
                .containsExactly(
                        "item 0 is not an object",
                        "item 2 has no 'id'",
                        "item 3 has no 'id'",
                        "item 4 has no 'id'",
                        "item 5 has no 'lastUpdateDateTime'",
                        "item 6 has an unreadable 'lastUpdateDateTime'",
                        "item 7 has an unreadable 'lastUpdateDateTime'");
        // What is logged says where and why, never what the item held.
        assertThat(read.skipped()).noneMatch(reason -> reason.contains("kai"));
    }
}
