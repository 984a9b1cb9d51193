package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseContext;

final class SplunkParser implements FormatParser {

    private final JsonRecords records;

    SplunkParser(JsonRecords records) {
        this.records = records;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.SPLUNK;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        sink.reject(-1, null, "the SPLUNK parser is not written yet");
    }
}
