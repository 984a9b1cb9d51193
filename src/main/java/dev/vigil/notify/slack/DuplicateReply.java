package dev.vigil.notify.slack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The thread reply that counts duplicates of an alert already posted: "seen 12 more times in 10 min". */
public final class DuplicateReply {

    private DuplicateReply() {}

    public static SlackMessage of(long count, Duration window) {
        if (count < 1) {
            throw new IllegalArgumentException("a duplicate reply needs at least one duplicate");
        }
        String text = "seen " + count + " more " + (count == 1 ? "time" : "times") + " in " + span(window);
        return new SlackMessage(text, List.of(Map.of("type", "context", "elements", List.of(Blocks.mrkdwn(text)))));
    }

    static String span(Duration window) {
        long seconds = Math.max(1, window.toSeconds());
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds >= 60) {
            return (seconds + 30) / 60 + " min";
        }
        return seconds + " s";
    }
}
