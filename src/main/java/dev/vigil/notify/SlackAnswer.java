package dev.vigil.notify;

/**
 * Answers one click through its {@code response_url}. Texts are plain: they are escaped before they go out.
 * An answer Slack does not take is logged, never thrown: the click's work is done either way.
 */
public interface SlackAnswer {

    /** Only the clicker sees it. */
    void tellClicker(String text);

    /** Everyone in the channel sees it, in the clicked message's thread when Slack said which one. */
    void tellChannel(String text);
}
