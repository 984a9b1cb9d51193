package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MachineActionTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsBothSpellingsOfTheLastUpdateTime() {
        String entity = "{\"id\":\"a\",\"type\":\"Isolate\",\"status\":\"InProgress\",\"machineId\":\"m\","
                + "\"lastUpdateDateTimeUtc\":\"2024-05-02T14:39:38.2262283Z\",\"unknownField\":1}";
        String listed = "{\"id\":\"a\",\"type\":\"Isolate\",\"status\":\"Succeeded\",\"machineId\":\"m\","
                + "\"lastUpdateTimeUtc\":\"2024-05-02T14:39:38.2262283Z\"}";

        MachineAction one = json.readValue(entity, MachineAction.class);
        MachineAction two = json.readValue(listed, MachineAction.class);

        assertThat(one.lastUpdateDateTimeUtc()).isEqualTo(Instant.parse("2024-05-02T14:39:38.2262283Z"));
        assertThat(two.lastUpdateDateTimeUtc()).isEqualTo(one.lastUpdateDateTimeUtc());
        assertThat(one.ended()).isFalse();
        assertThat(two.ended()).isTrue();
    }

    @Test
    void aRequestNeedsACommentAValidScopeAndForFilesASha1() {
        assertThatThrownBy(() -> new DefenderMachineActions.Request(ActionKind.UNISOLATE, null, null, " "))
                .hasMessageContaining("comment");
        assertThatThrownBy(() -> new DefenderMachineActions.Request(ActionKind.ISOLATE, "UnManaged", null, "x"))
                .hasMessageContaining("Full");
        assertThatThrownBy(() -> new DefenderMachineActions.Request(ActionKind.SCAN, null, null, "x"))
                .hasMessageContaining("Quick");
        assertThatThrownBy(() -> new DefenderMachineActions.Request(ActionKind.STOP_AND_QUARANTINE, null, "xyz", "x"))
                .hasMessageContaining("sha1");
        assertThat(new DefenderMachineActions.Request(ActionKind.SCAN, "Quick", null, "x").scope())
                .isEqualTo("Quick");
    }
}
