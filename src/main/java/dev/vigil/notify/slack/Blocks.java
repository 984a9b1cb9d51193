package dev.vigil.notify.slack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Block Kit shapes and the limits Slack enforces on them (external-apis.md §4.3). */
public final class Blocks {

    public static final int MAX_BLOCKS = 50;
    public static final int HEADER_TEXT = 150;
    public static final int SECTION_TEXT = 3000;
    public static final int MAX_FIELDS = 10;
    public static final int FIELD_TEXT = 2000;
    public static final int MAX_CONTEXT_ELEMENTS = 10;
    public static final int MAX_ACTIONS = 25;
    public static final int BUTTON_TEXT = 75;
    public static final int BUTTON_VALUE = 2000;
    public static final int ACTION_ID = 255;
    /** Block Kit's confirm object: title, confirm and deny up to 100 characters, text up to 300. */
    public static final int CONFIRM_TITLE = 100;

    public static final int CONFIRM_TEXT = 300;
    public static final int BLOCK_ID = 255;
    /** Our own cap for the fallback text: Slack truncates beyond 40,000, and a notification shows a line. */
    public static final int FALLBACK_TEXT = 3000;

    private Blocks() {}

    /** Text that is already escaped; {@code verbatim} stops Slack from parsing mentions and URLs itself. */
    public static Map<String, Object> mrkdwn(String escapedText) {
        return Map.of("type", "mrkdwn", "text", escapedText, "verbatim", true);
    }

    public static Map<String, Object> plain(String escapedText) {
        return Map.of("type", "plain_text", "text", escapedText, "emoji", true);
    }

    public static Map<String, Object> header(String escapedText) {
        return Map.of("type", "header", "text", plain(SlackText.truncate(escapedText, HEADER_TEXT)));
    }

    public static Map<String, Object> section(String escapedText) {
        return Map.of("type", "section", "text", mrkdwn(SlackText.truncate(escapedText, SECTION_TEXT)));
    }

    public static Map<String, Object> fields(List<String> escapedFields) {
        List<Map<String, Object>> texts = escapedFields.stream()
                .limit(MAX_FIELDS)
                .map(f -> mrkdwn(SlackText.truncate(f, FIELD_TEXT)))
                .toList();
        return Map.of("type", "section", "fields", texts);
    }

    public static Map<String, Object> context(List<String> escapedTexts) {
        return Map.of(
                "type",
                "context",
                "elements",
                escapedTexts.stream()
                        .limit(MAX_CONTEXT_ELEMENTS)
                        .map(t -> mrkdwn(SlackText.truncate(t, SECTION_TEXT)))
                        .toList());
    }

    public static Map<String, Object> button(String label, String actionId, String value, String style) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("type", "button");
        button.put("text", plain(SlackText.escaped(label, BUTTON_TEXT)));
        button.put("action_id", actionId);
        button.put("value", value);
        if (!style.isEmpty()) {
            button.put("style", style);
        }
        return button;
    }

    /** Block Kit's confirmation dialog on a button; the texts are plain, escaped and cut here. */
    public static Map<String, Object> confirm(String title, String text, String confirm, String deny) {
        return Map.of(
                "title", plain(SlackText.escaped(title, CONFIRM_TITLE)),
                "text", Map.of("type", "plain_text", "text", SlackText.escaped(text, CONFIRM_TEXT), "emoji", true),
                "confirm", plain(SlackText.escaped(confirm, CONFIRM_TITLE)),
                "deny", plain(SlackText.escaped(deny, CONFIRM_TITLE)),
                "style", "danger");
    }

    public static Map<String, Object> actions(String blockId, List<Map<String, Object>> buttons) {
        return Map.of(
                "type",
                "actions",
                "block_id",
                SlackText.truncate(blockId, BLOCK_ID),
                "elements",
                buttons.stream().limit(MAX_ACTIONS).toList());
    }
}
