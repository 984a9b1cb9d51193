package dev.vigil.notify.interaction;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Slack's interactivity request: a form body with one field, {@code payload}, holding JSON
 * (external-apis.md §4.5). Only ever called on a body whose signature was verified.
 */
final class InteractionPayloads {

    private final JsonMapper json;

    InteractionPayloads(JsonMapper json) {
        this.json = json;
    }

    /**
     * The click in a {@code block_actions} payload; empty for other kinds of interaction (Vigil opens no
     * modals or shortcuts, so there is nothing to do for them). @throws IllegalArgumentException when the
     * body is not what Slack sends
     */
    Optional<ButtonClick> read(byte[] body) {
        JsonNode payload = parse(payloadField(new String(body, StandardCharsets.US_ASCII)));
        if (!"block_actions".equals(payload.path("type").asString(""))) {
            return Optional.empty();
        }
        JsonNode action = payload.path("actions").path(0);
        return Optional.of(new ButtonClick(
                required(payload.path("user").path("id"), "user.id"),
                required(action.path("action_id"), "actions[0].action_id"),
                action.path("value").asString(""),
                required(payload.path("response_url"), "response_url"),
                optional(
                        payload.path("container").path("channel_id"),
                        payload.path("channel").path("id")),
                optional(
                        payload.path("container").path("message_ts"),
                        payload.path("message").path("ts"))));
    }

    private static String payloadField(String form) {
        for (String field : form.split("&")) {
            int equals = field.indexOf('=');
            if (equals > 0 && field.substring(0, equals).equals("payload")) {
                // Throws IllegalArgumentException itself for a broken %-escape.
                return URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("the form has no payload field");
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("payload is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("payload is not JSON");
        }
    }

    /** The first of the places Slack may put a value that holds one; null when none does. */
    private static @Nullable String optional(JsonNode first, JsonNode second) {
        String value = first.asString("");
        if (value.isBlank()) {
            value = second.asString("");
        }
        return value.isBlank() ? null : value;
    }

    private static String required(JsonNode node, String name) {
        String value = node.asString("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("payload has no " + name);
        }
        return value;
    }
}
