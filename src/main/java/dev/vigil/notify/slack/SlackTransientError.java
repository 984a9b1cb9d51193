package dev.vigil.notify.slack;

/**
 * Slack could not be reached or failed on its side (5xx, network, timeout, {@code internal_error}): retry.
 * {@link #outcomeUnknown()} tells a failure before the request reached Slack (connection refused, an answer
 * of 5xx) from one after it may have (a timeout waiting for the answer, a connection cut mid-way), when a
 * post may have gone through and a retry must first look for it.
 */
public final class SlackTransientError extends SlackException {

    private final boolean outcomeUnknown;

    public SlackTransientError(String call, String what) {
        this(call, what, false);
    }

    public SlackTransientError(String call, String what, boolean outcomeUnknown) {
        super(call + " failed, may succeed later: " + what);
        this.outcomeUnknown = outcomeUnknown;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
