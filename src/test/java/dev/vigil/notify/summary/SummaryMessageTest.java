package dev.vigil.notify.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.notify.slack.BlockKitRules;
import dev.vigil.notify.slack.PublicUrl;
import dev.vigil.notify.slack.SlackMessage;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SummaryMessageTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PublicUrl VIGIL = new PublicUrl(URI.create("https://vigil.example"));
    private static final Instant FROM = Instant.parse("2026-11-20T07:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-23T07:00:00Z");

    @Test
    void theFiguresAppearWithLinksToTechniquesAndAlerts() {
        SlackMessage message =
                SummaryMessage.of(report("srv-db-01", "CONTOSO\\alice", "Mimikatz"), ZoneId.of("Europe/Berlin"), VIGIL);
        String blocks = JSON.valueToTree(message.blocks()).toString();

        assertThat(message.text()).isEqualTo("Vigil summary 2026-11-20 08:00 CET to 2026-11-23 08:00 CET: 42 alerts");
        assertThat(blocks)
                .contains("*42 alerts* (+12, +40.0% against the previous period, 30)")
                .contains("HIGH: 5 (+2, +66.7%)")
                .contains("<https://attack.mitre.org/techniques/T1003/001/|T1003.001>: 9")
                .contains("srv-db-01: 10")
                .contains("<https://vigil.example/api/v1/alerts/a-0|Mimikatz 0>")
                .contains("Mean time to acknowledge: 15m 00s (4 acknowledged)")
                .contains("False-positive rate: 25.0% (1 of 4 closed)");
        assertThat(BlockKitRules.violations(JSON.valueToTree(message.blocks()))).isEmpty();
    }

    @Test
    void hostileAndHugeAlertDataStaysEscapedAndWithinSlacksLimits() {
        String huge = "<!channel> <https://evil.example|click> & ".repeat(200);
        SlackMessage message = SummaryMessage.of(report(huge, huge, huge), ZoneId.of("UTC"), VIGIL);
        JsonNode blocks = JSON.valueToTree(message.blocks());

        assertThat(BlockKitRules.violations(blocks)).isEmpty();
        assertThat(blocks.toString()).doesNotContain("<!channel>").doesNotContain("<https://evil.example");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
    }

    private static SummaryReport report(String host, String user, String title) {
        Map<String, Long> byClass = new LinkedHashMap<>();
        byClass.put("LOW", 20L);
        byClass.put("MEDIUM", 10L);
        byClass.put("HIGH", 5L);
        byClass.put("CRITICAL", 2L);
        byClass.put("UNSCORED", 5L);
        Map<String, SummaryReport.Delta> deltas = new LinkedHashMap<>();
        byClass.keySet()
                .forEach(c -> deltas.put(
                        c, new SummaryReport.Delta(c.equals("HIGH") ? 2 : 0, c.equals("HIGH") ? 66.66 : 0.0)));
        List<SummaryReport.Ranked> hosts = IntStream.range(0, 10)
                .mapToObj(i -> new SummaryReport.Ranked(host, 10 - i))
                .toList();
        List<SummaryReport.Ranked> users = IntStream.range(0, 10)
                .mapToObj(i -> new SummaryReport.Ranked(user + i, 10 - i))
                .toList();
        List<SummaryReport.Notable> notable = IntStream.range(0, 10)
                .mapToObj(i -> new SummaryReport.Notable(
                        "a-" + i, title + " " + i, 150 - i, "CRITICAL", "HIGH", "defender", "priority", FROM))
                .toList();
        return new SummaryReport(
                FROM,
                TO,
                new SummaryReport.Totals(42, byClass, Map.of("HIGH", 7L, "LOW", 35L), Map.of("defender", 42L)),
                Map.of("credential-access", 9L, "other", 33L, "impact", 0L),
                List.of(new SummaryReport.Ranked("T1003.001", 9), new SummaryReport.Ranked(host, 1)),
                hosts,
                users,
                notable,
                new SummaryReport.Acknowledgement(4, 900.0),
                new SummaryReport.FalsePositives(1, 4, 0.25),
                new SummaryReport.Previous(FROM.minusSeconds(259200), FROM, 30, byClass),
                new SummaryReport.Change(new SummaryReport.Delta(12, 40.0), deltas));
    }
}
