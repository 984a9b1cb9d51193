package dev.vigil.respond.defender.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.respond.defender.MalformedDefenderResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HuntingResultsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode body(String text) {
        return json.readTree(text);
    }

    @Test
    void readsGraphsDocumentedCamelCaseAnswer() {
        HuntingResult result = HuntingResults.parse(
                "contoso",
                body("{\"@odata.context\":\"x\",\"schema\":[{\"name\":\"Timestamp\",\"type\":\"DateTime\"},"
                        + "{\"name\":\"FileName\",\"type\":\"String\"}],"
                        + "\"results\":[{\"Timestamp\":\"2024-03-26T09:39:50.7688641Z\",\"FileName\":\"cmd.exe\"}]}"),
                1_000);

        assertThat(result.schema())
                .containsExactly(
                        new HuntingResult.Column("Timestamp", "DateTime"),
                        new HuntingResult.Column("FileName", "String"));
        assertThat(result.results()).hasSize(1);
        assertThat(result.results().get(0).path("FileName").asString()).isEqualTo("cmd.exe");
        assertThat(result.rowCount()).isEqualTo(1);
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void readsPascalCaseKeysAsSomeDocumentationShowsThem() {
        HuntingResult result = HuntingResults.parse(
                "contoso",
                body("{\"Schema\":[{\"Name\":\"DeviceId\",\"Type\":\"String\"}],\"Results\":[{\"DeviceId\":\"a\"}]}"),
                1_000);

        assertThat(result.schema()).containsExactly(new HuntingResult.Column("DeviceId", "String"));
        assertThat(result.rowCount()).isEqualTo(1);
    }

    @Test
    void keepsAtMostTheCapAndSaysItTruncated() {
        HuntingResult result =
                HuntingResults.parse("contoso", body("{\"schema\":[],\"results\":[{\"n\":1},{\"n\":2},{\"n\":3}]}"), 2);

        assertThat(result.results()).extracting(r -> r.path("n").asInt()).containsExactly(1, 2);
        assertThat(result.rowCount()).isEqualTo(2);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void exactlyTheCapIsNotTruncated() {
        HuntingResult result =
                HuntingResults.parse("contoso", body("{\"schema\":[],\"results\":[{\"n\":1},{\"n\":2}]}"), 2);

        assertThat(result.truncated()).isFalse();
        assertThat(result.rowCount()).isEqualTo(2);
    }

    @Test
    void aColumnWithoutANameIsSkippedAndOneWithoutATypeIsUnknown() {
        HuntingResult result = HuntingResults.parse(
                "contoso", body("{\"schema\":[{\"type\":\"String\"},{\"name\":\"X\"}],\"results\":[]}"), 10);

        assertThat(result.schema()).containsExactly(new HuntingResult.Column("X", "Unknown"));
        assertThat(result.rowCount()).isZero();
    }

    @Test
    void anAnswerWithoutResultsIsMalformed() {
        assertThatThrownBy(() -> HuntingResults.parse("contoso", body("{\"schema\":[]}"), 10))
                .isInstanceOf(MalformedDefenderResponse.class)
                .hasMessageContaining("results");
        assertThatThrownBy(() -> HuntingResults.parse("contoso", body("{\"results\":{}}"), 10))
                .isInstanceOf(MalformedDefenderResponse.class);
        assertThatThrownBy(() -> HuntingResults.parse("contoso", null, 10))
                .isInstanceOf(MalformedDefenderResponse.class);
    }
}
