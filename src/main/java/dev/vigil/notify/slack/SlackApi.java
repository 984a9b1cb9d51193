package dev.vigil.notify.slack;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What Vigil needs from Slack: post a message (optionally as a thread reply), update one, and post through
 * an incoming webhook. Every method either succeeds or throws one of the {@link SlackException} kinds.
 * {@code text} is the notification fallback and is always sent; {@code blocks} are Block Kit blocks.
 */
public interface SlackApi {

    /** Posts to {@code channel}, in the thread of {@code threadTs} when given; returns the new message's ts. */
    String postMessage(String channel, String text, List<Map<String, Object>> blocks, @Nullable String threadTs);

    /**
     * Posts as {@link #postMessage} does, with {@code tag} in the message's metadata, so that
     * {@link #findTagged} can later tell whether a post whose answer was lost reached Slack.
     */
    String postTagged(
            String channel, String text, List<Map<String, Object>> blocks, @Nullable String threadTs, String tag);

    /**
     * The ts of a message carrying {@code tag} posted in {@code channel} (in the thread of {@code threadTs}
     * when given) since {@code since}, if there is one. Reads the channel's history, which needs the
     * {@code channels:history} (or {@code groups:history}) scope.
     */
    Optional<String> findTagged(String channel, @Nullable String threadTs, Instant since, String tag);

    /** Replaces the text and blocks of the message {@code ts} in {@code channel}. */
    void update(String channel, String ts, String text, List<Map<String, Object>> blocks);

    /** Posts through an incoming webhook; the URL is a secret and never appears in errors or logs. */
    void postWebhook(URI url, String text, List<Map<String, Object>> blocks);

    /**
     * First step of a file upload ({@code files.getUploadURLExternal}): where to send {@code length} bytes
     * named {@code filename}, and the id of the file they will become.
     */
    FileUpload startUpload(String filename, long length);

    /** Second step: the bytes, sent to the upload URL Slack handed out (it carries its own authority). */
    void sendUpload(FileUpload upload, byte[] bytes);

    /**
     * Last step ({@code files.completeUploadExternal}): shares the uploaded file in {@code channel}, in the
     * thread of {@code threadTs} when given.
     */
    void completeUpload(FileUpload upload, String title, String channel, @Nullable String threadTs);

    /** An upload Slack has prepared: the URL to send the bytes to and the file's id. */
    record FileUpload(URI uploadUrl, String fileId) {}
}
