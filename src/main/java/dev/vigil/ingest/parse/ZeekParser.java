package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;

final class ZeekParser implements FormatParser {

    private final JsonRecords records;
    private final IngestLimits limits;

    ZeekParser(JsonRecords records, IngestLimits limits) {
        this.records = records;
        this.limits = limits;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.ZEEK;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        sink.reject(-1, null, "the ZEEK parser is not written yet");
    }
}
