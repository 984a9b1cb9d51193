package dev.vigil.notify.slack;

/**
 * Slack refused the request for a reason a retry cannot fix ({@code channel_not_found}, {@code invalid_auth},
 * {@code invalid_blocks}, ...); {@code reason} is Slack's error code, kept with the dead letter.
 */
public final class SlackPermanentError extends SlackException {

    private final String reason;

    public SlackPermanentError(String call, String reason) {
        super(call + " was refused: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
