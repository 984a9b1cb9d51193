package dev.vigil.notify.outbox;

import dev.vigil.notify.SlackOutbox;
import dev.vigil.notify.slack.Blocks;
import dev.vigil.notify.slack.SlackText;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SlackOutbox} as a row of kind {@code POST}: sent by the dispatcher like an alert's message, in its
 * channel's order, with the same retries, pacing and dead letters. The key goes in {@code fingerprint},
 * whose unique index for posts makes a second post with that key a no-op.
 */
final class JdbcSlackOutbox implements SlackOutbox {

    private final JdbcTemplate jdbc;
    private final DeliveryMode mode;
    private final String defaultChannel;
    private final DispatchSignal signal;
    private final JsonMapper json = JsonMapper.builder().build();

    JdbcSlackOutbox(JdbcTemplate jdbc, DeliveryMode mode, String defaultChannel, DispatchSignal signal) {
        this.jdbc = jdbc;
        this.mode = mode;
        this.defaultChannel = defaultChannel.strip();
        this.signal = signal;
    }

    @Override
    public boolean post(Post post) {
        String channel = switch (mode) {
            case NONE -> "";
            case WEBHOOK -> NotificationPolicy.WEBHOOK_CHANNEL;
            case BOT -> post.channel() == null || post.channel().isBlank() ? defaultChannel : post.channel();
        };
        if (channel.isEmpty()) {
            return false;
        }
        String text = SlackText.escaped(post.text(), Blocks.SECTION_TEXT);
        List<Map<String, Object>> blocks = List.of(Blocks.section(text));
        int inserted = jdbc.update(
                "insert into notification (channel, kind, fingerprint, thread_ts, text, blocks)"
                        + " values (?, 'POST', ?, ?, ?, ?::jsonb) on conflict (fingerprint) where kind = 'POST' do nothing",
                channel,
                post.key(),
                mode == DeliveryMode.BOT ? post.threadTs() : null,
                SlackText.truncate(text, Blocks.FALLBACK_TEXT),
                json.writeValueAsString(blocks));
        if (inserted == 1) {
            signal.wakeAfterCommit();
        }
        return inserted == 1;
    }
}
