package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.ParseOutcome;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** Picks the parser for an input, by the caller's choice or by detection, and runs it. */
public final class Parsers {

    private final FormatDetector detector;
    private final Map<SourceFormat, FormatParser> byFormat = new EnumMap<>(SourceFormat.class);

    public Parsers(IngestLimits limits) {
        JsonMapper mapper = mapper(limits);
        JsonRecords records = new JsonRecords(mapper, limits);
        this.detector = new FormatDetector(mapper);
        register(new DefenderParser(records));
        register(new GraphParser(records));
        register(new SuricataParser(records));
        register(new ZeekParser(records, limits));
        register(new WindowsEventParser(records, limits));
        register(new SplunkParser(records));
    }

    public ParseOutcome parse(byte[] input, @Nullable SourceFormat format, ParseContext context) {
        SourceFormat chosen = format != null ? format : detector.detect(input);
        ParseSink sink = new ParseSink();
        FormatParser parser = byFormat.get(chosen);
        if (parser == null) {
            // Hunting alerts are raised by Vigil's scheduled hunts; nobody may post look-alikes.
            sink.reject(-1, null, "'" + chosen.id() + "' alerts are raised by Vigil itself and cannot be sent");
            return sink.outcome(chosen);
        }
        try {
            parser.parse(input, context, sink);
        } catch (RuntimeException e) {
            // A parser bug must cost this input, not the caller: report it like any bad record.
            sink.reject(
                    -1,
                    null,
                    "could not parse the input as " + chosen.id() + ": "
                            + e.getClass().getSimpleName());
        }
        return sink.outcome(chosen);
    }

    private void register(FormatParser parser) {
        byFormat.put(parser.format(), parser);
    }

    static JsonMapper mapper(IngestLimits limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxJsonDepth())
                .maxStringLength(
                        (int) Math.min(Integer.MAX_VALUE, limits.maxAlertSize().toBytes()))
                .build();
        return JsonMapper.builder(
                        JsonFactory.builder().streamReadConstraints(constraints).build())
                .build();
    }
}
