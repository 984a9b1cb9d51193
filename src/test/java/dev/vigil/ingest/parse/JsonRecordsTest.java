package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class JsonRecordsTest {

    private final List<JsonRecord> records = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    private void read(String input, IngestLimits limits) {
        new JsonRecords(Parsers.mapper(limits), limits)
                .read(input.getBytes(StandardCharsets.UTF_8), new JsonRecords.Handler() {
                    @Override
                    public void record(JsonRecord record) {
                        records.add(record);
                    }

                    @Override
                    public void reject(int index, @Nullable Integer line, String error) {
                        rejections.add(new Rejection(index, line, error));
                    }
                });
    }

    private void read(String input) {
        read(input, IngestLimits.defaults());
    }

    @Test
    void keepsEachNdjsonLineVerbatim() {
        read("{\"a\": 1}\n{ \"b\" :2 }\n\n{\"c\":[1, 2]}\n");
        assertThat(records).extracting(JsonRecord::raw).containsExactly("{\"a\": 1}", "{ \"b\" :2 }", "{\"c\":[1, 2]}");
        assertThat(records).extracting(JsonRecord::line).containsExactly(1, 2, 4);
        assertThat(records).extracting(JsonRecord::index).containsExactly(0, 1, 2);
        assertThat(rejections).isEmpty();
    }

    @Test
    void reportsABrokenLineAndGoesOnWithTheNext() {
        read("{\"a\":1}\n{\"b\":\n{\"c\":3}\nnot json\n{\"d\":4}");
        assertThat(records).extracting(JsonRecord::raw).containsExactly("{\"a\":1}", "{\"c\":3}", "{\"d\":4}");
        assertThat(rejections).extracting(Rejection::line).containsExactly(2, 4);
        assertThat(rejections).extracting(Rejection::index).containsExactly(1, 3);
        assertThat(rejections.get(0).error()).startsWith("malformed JSON");
    }

    @Test
    void splitsArrayElementsWithTheirExactText() {
        read("\uFEFF  [ {\"a\":1},\n  {\"b\" : \"x\"} ]");
        assertThat(records).extracting(JsonRecord::raw).containsExactly("{\"a\":1}", "{\"b\" : \"x\"}");
        assertThat(records).extracting(JsonRecord::line).containsExactly(1, 2);
    }

    @Test
    void readsConcatenatedObjectsAndPrettyDocuments() {
        read("{\"event\":1}{\"event\":2}");
        read("{\n  \"x\": {\n    \"y\": 1\n  }\n}\n");
        assertThat(records)
                .extracting(JsonRecord::raw)
                .containsExactly("{\"event\":1}", "{\"event\":2}", "{\n  \"x\": {\n    \"y\": 1\n  }\n}");
    }

    @Test
    void refusesNonObjectsAndOversizedOrDeepRecords() {
        IngestLimits small = new IngestLimits(DataSize.ofMegabytes(10), DataSize.ofBytes(20), 3);
        read("[1, {\"a\":1,\"b\":2,\"c\":3,\"d\":4}, {\"ok\":1}, {\"a\":{\"b\":{\"c\":{}}}}]", small);
        assertThat(records).extracting(JsonRecord::raw).containsExactly("{\"ok\":1}");
        assertThat(rejections).extracting(Rejection::index).containsExactly(0, 1, 3);
        assertThat(rejections.get(0).error()).contains("expected a JSON object");
        assertThat(rejections.get(1).error()).contains("over the limit");
        assertThat(rejections.get(2).error()).contains("nesting depth");
    }

    @Test
    void reportsInvalidUtf8AsARejection() {
        byte[] bad = {
            '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n', '{', '}',
        };
        new JsonRecords(Parsers.mapper(IngestLimits.defaults()), IngestLimits.defaults())
                .read(bad, new JsonRecords.Handler() {
                    @Override
                    public void record(JsonRecord record) {
                        records.add(record);
                    }

                    @Override
                    public void reject(int index, @Nullable Integer line, String error) {
                        rejections.add(new Rejection(index, line, error));
                    }
                });
        assertThat(rejections).hasSize(1);
        assertThat(records).extracting(JsonRecord::raw).containsExactly("{}");
    }

    @Test
    void manyBrokenLinesCostTimeInProportionToTheInput() {
        // Each broken line restarts the reader; counting lines from the start each time made this quadratic.
        // 200,000 broken lines run in well under a second when linear; quadratically they took hours.
        String input = "{\n".repeat(200_000) + "{\"ok\":1}\n";
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> read(input));
        assertThat(rejections).hasSize(200_000);
        assertThat(rejections.get(199_999).line()).isEqualTo(200_000);
        assertThat(records).extracting(JsonRecord::raw).containsExactly("{\"ok\":1}");
    }
}
