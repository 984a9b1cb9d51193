package dev.vigil.notify.slack;

import java.util.List;
import java.util.Map;

/** A message ready to post: the notification fallback text and its Block Kit blocks (already escaped). */
public record SlackMessage(String text, List<Map<String, Object>> blocks) {

    public SlackMessage {
        blocks = List.copyOf(blocks);
    }
}
