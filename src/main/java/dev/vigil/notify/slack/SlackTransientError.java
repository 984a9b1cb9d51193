package dev.vigil.notify.slack;

/** Slack could not be reached or failed on its side (5xx, network, timeout, {@code internal_error}): retry. */
public final class SlackTransientError extends SlackException {

    public SlackTransientError(String call, String what) {
        super(call + " failed, may succeed later: " + what);
    }
}
