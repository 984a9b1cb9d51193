package dev.vigil.alert;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The canonical alert every source format is parsed into. {@code raw} is the original record exactly as
 * the sensor sent it, so nothing a parser does not understand is ever lost.
 */
public record Alert(
        AlertId id,
        AlertKind kind,
        SourceFormat source,
        @Nullable String nativeId,
        Instant receivedAt,
        @Nullable Instant occurredAt,
        String title,
        @Nullable String description,
        @Nullable String nativeSeverity,
        Severity severity,
        @Nullable String category,
        Entities entities,
        @Nullable String tenant,
        String raw) {

    /** Longest title kept; longer ones are cut, since a title is a headline, not a payload. */
    public static final int MAX_TITLE_LENGTH = 512;

    public Alert {
        title = Text.blankToNull(title);
        if (title == null) {
            throw new IllegalArgumentException("an alert needs a title");
        }
        if (title.length() > MAX_TITLE_LENGTH) {
            title = title.substring(0, MAX_TITLE_LENGTH - 1) + "…";
        }
        nativeId = Text.blankToNull(nativeId);
        description = Text.blankToNull(description);
        nativeSeverity = Text.blankToNull(nativeSeverity);
        category = Text.blankToNull(category);
        tenant = Text.blankToNull(tenant);
    }

    /** The queue an alert goes to when it is accepted, before scoring. */
    public Queue intakeQueue() {
        return Queue.forSeverity(severity);
    }
}
