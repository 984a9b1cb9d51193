package dev.vigil.ingest;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Facts about an input that are not in the input itself: when it arrived and for which tenant. */
public record ParseContext(Instant receivedAt, @Nullable String tenant) {

    public static ParseContext now() {
        return new ParseContext(Instant.now(), null);
    }
}
