package dev.vigil.ingest;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.parse.Parsers;
import org.jspecify.annotations.Nullable;

/**
 * Parses sensor input into canonical alerts. The format is detected from the content unless the caller
 * names it. Malformed records are reported as rejections; they never fail the rest of the input.
 */
public final class AlertParsing {

    private final Parsers parsers;

    public AlertParsing(IngestLimits limits) {
        this.parsers = new Parsers(limits);
    }

    /**
     * @param format the format to use, or {@code null} to detect it
     * @throws UnknownFormat when no format is given and none can be detected
     */
    public ParseOutcome parse(byte[] input, @Nullable SourceFormat format, ParseContext context) {
        return parsers.parse(input, format, context);
    }
}
