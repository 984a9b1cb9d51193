package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;

final class WindowsEventParser implements FormatParser {

    private final JsonRecords records;
    private final IngestLimits limits;

    WindowsEventParser(JsonRecords records, IngestLimits limits) {
        this.records = records;
        this.limits = limits;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.SYSMON;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        sink.reject(-1, null, "the SYSMON parser is not written yet");
    }
}
