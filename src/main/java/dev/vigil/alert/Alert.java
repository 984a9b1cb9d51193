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

    /**
     * This alert with its personal data rewritten: user names, e-mail addresses, host names and internal IP
     * addresses of its entities, and their occurrences in the title, description, command lines, file paths
     * and raw payload. Addresses outside {@code internalNetworks} are never offered to the rewriter: they are
     * threat intelligence. The rewriter decides per value (a pseudonym, or the value itself to keep it).
     */
    public Alert rewritePii(AddressRanges internalNetworks, PiiRewriter rewriter) {
        return new PiiRewrite(internalNetworks, rewriter).apply(this);
    }

    /** The queue an alert goes to when it is accepted, before scoring. */
    public Queue intakeQueue() {
        return Queue.forSeverity(severity);
    }
}
