package dev.vigil.notify.slack;

/**
 * Why a call to Slack failed, classified once so the dispatcher only decides what to do: wait and retry
 * ({@link SlackRateLimited}), retry with backoff ({@link SlackTransientError}) or give up at once and keep a
 * dead letter ({@link SlackPermanentError}). Messages never hold the bot token or a webhook URL.
 */
public abstract sealed class SlackException extends RuntimeException
        permits SlackRateLimited, SlackTransientError, SlackPermanentError {

    protected SlackException(String message) {
        // No cause and no stack trace of the HTTP client: its messages may name the (secret) webhook URL.
        super(message, null, false, true);
    }
}
