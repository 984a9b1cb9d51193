package dev.vigil.notify.slack;

import java.time.Duration;

/** Slack said to slow down (HTTP 429 or {@code ratelimited}); retry no sooner than {@code retryAfter}. */
public final class SlackRateLimited extends SlackException {

    private final Duration retryAfter;

    public SlackRateLimited(String call, Duration retryAfter) {
        super(call + " was rate limited; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
