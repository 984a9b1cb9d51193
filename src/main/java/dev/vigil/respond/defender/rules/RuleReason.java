package dev.vigil.respond.defender.rules;

import org.jspecify.annotations.Nullable;

/** The reason for enabling or disabling a rule; required and audited. */
public record RuleReason(@Nullable String reason) {

    static final int MAX_TEXT = 4_000;

    /** The reason, stripped; a blank one is refused. */
    static String checked(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidRule("reason", "a reason is required for every detection rule change");
        }
        if (reason.length() > MAX_TEXT) {
            throw new InvalidRule("reason", "at most " + MAX_TEXT + " characters");
        }
        return reason.strip();
    }
}
