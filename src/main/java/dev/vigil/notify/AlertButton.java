package dev.vigil.notify;

import org.jspecify.annotations.Nullable;

/**
 * A button another module adds to an alert's Slack message (see {@link AlertButtons}). Labels and texts are
 * plain text: the message builder escapes and cuts them. {@code value} travels back in the click.
 *
 * @param danger shown red, for actions that change something outside Vigil
 * @param confirm the dialog Slack shows before it sends the click; null for none
 */
public record AlertButton(
        String label,
        String actionId,
        String value,
        boolean danger,
        @Nullable Confirm confirm) {

    /** Slack's confirmation dialog (Block Kit {@code confirm}): its title, question and the two answers. */
    public record Confirm(String title, String text, String confirm, String deny) {}
}
