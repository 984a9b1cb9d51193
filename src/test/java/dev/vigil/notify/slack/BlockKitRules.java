package dev.vigil.notify.slack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The Block Kit schema and limits Slack checks before it accepts a message (external-apis.md §4.3), with
 * errors worded as Slack words them ({@code "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"}).
 * Lengths are counted in UTF-16 units, never fewer than Slack counts, so what passes here passes Slack.
 */
public final class BlockKitRules {

    public static final int MAX_MESSAGE_TEXT = 40_000;

    private BlockKitRules() {}

    /** Every violation in {@code blocks}; empty when Slack would accept them. */
    public static List<String> violations(JsonNode blocks) {
        List<String> errors = new ArrayList<>();
        if (!blocks.isArray()) {
            errors.add("must be an array [json-pointer:/blocks]");
            return errors;
        }
        if (blocks.size() > 50) {
            errors.add("must be no more than 50 items [json-pointer:/blocks]");
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), "/blocks/" + i, blockIds, errors);
        }
        return errors;
    }

    private static void block(JsonNode block, String at, Set<String> blockIds, List<String> errors) {
        if (block.has("block_id")) {
            String id = block.path("block_id").asString("");
            maxLength(id, 255, at + "/block_id", errors);
            if (!blockIds.add(id)) {
                errors.add("duplicate block_id [json-pointer:" + at + "/block_id]");
            }
        }
        switch (block.path("type").asString("")) {
            case "header" -> text(block.path("text"), 150, true, at + "/text", errors);
            case "section" -> section(block, at, errors);
            case "context" -> {
                JsonNode elements = block.path("elements");
                if (!elements.isArray() || elements.isEmpty() || elements.size() > 10) {
                    errors.add("must have 1 to 10 elements [json-pointer:" + at + "/elements]");
                } else {
                    for (int i = 0; i < elements.size(); i++) {
                        text(elements.get(i), 3000, false, at + "/elements/" + i, errors);
                    }
                }
            }
            case "divider" -> {}
            case "actions" -> actions(block, at, errors);
            default -> errors.add("unsupported block type [json-pointer:" + at + "/type]");
        }
    }

    private static void section(JsonNode block, String at, List<String> errors) {
        boolean hasText = block.has("text");
        boolean hasFields = block.has("fields");
        if (!hasText && !hasFields) {
            errors.add("must provide either text or fields [json-pointer:" + at + "]");
        }
        if (hasText) {
            text(block.path("text"), 3000, false, at + "/text", errors);
        }
        if (hasFields) {
            JsonNode fields = block.path("fields");
            if (!fields.isArray() || fields.isEmpty() || fields.size() > 10) {
                errors.add("must have 1 to 10 items [json-pointer:" + at + "/fields]");
            } else {
                for (int i = 0; i < fields.size(); i++) {
                    text(fields.get(i), 2000, false, at + "/fields/" + i, errors);
                }
            }
        }
    }

    private static void actions(JsonNode block, String at, List<String> errors) {
        JsonNode elements = block.path("elements");
        if (!elements.isArray() || elements.isEmpty() || elements.size() > 25) {
            errors.add("must have 1 to 25 elements [json-pointer:" + at + "/elements]");
            return;
        }
        Set<String> actionIds = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            JsonNode button = elements.get(i);
            String bat = at + "/elements/" + i;
            if (!button.path("type").asString("").equals("button")) {
                errors.add("unsupported element type [json-pointer:" + bat + "/type]");
                continue;
            }
            text(button.path("text"), 75, true, bat + "/text", errors);
            String actionId = button.path("action_id").asString("");
            maxLength(actionId, 255, bat + "/action_id", errors);
            if (!actionId.isEmpty() && !actionIds.add(actionId)) {
                errors.add("duplicate action_id [json-pointer:" + bat + "/action_id]");
            }
            maxLength(button.path("value").asString(""), 2000, bat + "/value", errors);
            maxLength(button.path("url").asString(""), 3000, bat + "/url", errors);
            String style = button.path("style").asString("primary");
            if (!style.equals("primary") && !style.equals("danger")) {
                errors.add("must be primary or danger [json-pointer:" + bat + "/style]");
            }
        }
    }

    private static void text(JsonNode text, int max, boolean plainOnly, String at, List<String> errors) {
        String type = text.path("type").asString("");
        if (!(type.equals("plain_text") || (!plainOnly && type.equals("mrkdwn")))) {
            errors.add("must be a " + (plainOnly ? "plain_text" : "text") + " object [json-pointer:" + at + "/type]");
            return;
        }
        String value = text.path("text").asString("");
        if (value.isEmpty()) {
            errors.add("must be more than 0 characters [json-pointer:" + at + "/text]");
        }
        maxLength(value, max, at + "/text", errors);
    }

    private static void maxLength(String value, int max, String at, List<String> errors) {
        if (value.length() > max) {
            errors.add("must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
        }
    }
}
