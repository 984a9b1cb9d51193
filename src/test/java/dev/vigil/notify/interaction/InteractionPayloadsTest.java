package dev.vigil.notify.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class InteractionPayloadsTest {

    private final InteractionPayloads payloads =
            new InteractionPayloads(JsonMapper.builder().build());

    @Test
    void readsTheClickOfABlockActionsPayload() {
        String json = """
                {"type":"block_actions","user":{"id":"U0123ABC","username":"kai"},
                 "response_url":"https://hooks.slack.com/actions/T0123ABC/1234567890/AbCdEf",
                 "actions":[{"type":"button","action_id":"vigil.ack","value":"0190c6d1-0000-7000-8000-000000000000"}]}""";

        assertThat(payloads.read(form("token=ignored&payload=" + encode(json))))
                .hasValue(new ButtonClick(
                        "U0123ABC",
                        "vigil.ack",
                        "0190c6d1-0000-7000-8000-000000000000",
                        "https://hooks.slack.com/actions/T0123ABC/1234567890/AbCdEf"));
    }

    @Test
    void keepsTheClickedMessagesChannelAndTs() {
        String json = """
                {"type":"block_actions","user":{"id":"U0123ABC"},
                 "container":{"type":"message","message_ts":"1714640000.000200","channel_id":"C0123ABCDEF"},
                 "response_url":"https://hooks.slack.com/actions/T0123ABC/1234567890/AbCdEf",
                 "actions":[{"type":"button","action_id":"vigil.defender.isolate","value":"v"}]}""";

        ButtonClick click = payloads.read(form("payload=" + encode(json))).orElseThrow();

        assertThat(click.channelId()).isEqualTo("C0123ABCDEF");
        assertThat(click.messageTs()).isEqualTo("1714640000.000200");
    }

    @Test
    void otherInteractionsAreNothingToDo() {
        assertThat(payloads.read(form("payload=" + encode("{\"type\":\"shortcut\"}"))))
                .isEmpty();
    }

    @Test
    void refusesWhatSlackDoesNotSend() {
        for (String body : new String[] {
            "",
            "payload=",
            "notpayload=" + encode("{\"type\":\"block_actions\"}"),
            "payload=%zz",
            "payload=" + encode("[1,2]"),
            "payload=" + encode("{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":[]}"),
            "payload="
                    + encode("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"vigil.ack\"}],"
                            + "\"response_url\":\"https://hooks.slack.com/x\"}")
        }) {
            assertThatThrownBy(() -> payloads.read(form(body))).as(body).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static byte[] form(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
