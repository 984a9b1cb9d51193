package dev.vigil.respond.defender.incidents;

import org.jspecify.annotations.Nullable;

/** A comment to add to an incident; it is its own reason, and is audited. */
public record IncidentComment(@Nullable String comment) {

    public String checked() {
        if (comment == null || comment.isBlank()) {
            throw new InvalidIncidentRequest("comment", "a comment is required");
        }
        if (comment.length() > IncidentUpdate.MAX_TEXT) {
            throw new InvalidIncidentRequest("comment", "at most " + IncidentUpdate.MAX_TEXT + " characters");
        }
        return comment.strip();
    }
}
