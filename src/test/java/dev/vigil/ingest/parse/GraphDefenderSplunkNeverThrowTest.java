package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cut-off and corrupted versions of our fixtures: the three parsers report them, never throw. */
class GraphDefenderSplunkNeverThrowTest {

    private static final List<String> FIXTURES = List.of(
            "defender/alerts_list_expand_evidence.json",
            "defender/alerts.ndjson",
            "graph/alerts_v2_list.json",
            "graph/incidents_expand_alerts.json",
            "splunk/webhook_alert.json",
            "splunk/hec_events.json",
            "splunk/results_json.json",
            "splunk/results_json_rows.json",
            "splunk/export_stream.json");

    private final JsonRecords records =
            new JsonRecords(Parsers.mapper(IngestLimits.defaults()), IngestLimits.defaults());
    private final List<FormatParser> parsers =
            List.of(new DefenderParser(records), new GraphParser(records), new SplunkParser(records));

    @Test
    void survivesEveryTruncationAndRandomByteCorruptionOfTheFixtures() throws IOException {
        Random random = new Random(42);
        for (String fixture : FIXTURES) {
            byte[] input = read(fixture);
            for (int length = 0; length <= input.length; length += 7) {
                parseWithAll(Arrays.copyOf(input, length), fixture);
            }
            for (int round = 0; round < 200; round++) {
                byte[] corrupted = input.clone();
                for (int flips = 0; flips < 3; flips++) {
                    corrupted[random.nextInt(corrupted.length)] = (byte) random.nextInt(256);
                }
                parseWithAll(corrupted, fixture);
            }
        }
    }

    private void parseWithAll(byte[] input, String fixture) {
        for (FormatParser parser : parsers) {
            assertThatCode(() -> parser.parse(input, ParseContext.now(), new ParseSink()))
                    .as(parser.format() + " on " + fixture)
                    .doesNotThrowAnyException();
        }
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = GraphDefenderSplunkNeverThrowTest.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        }
    }
}
