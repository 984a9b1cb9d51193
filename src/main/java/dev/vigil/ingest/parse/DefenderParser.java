package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseContext;

final class DefenderParser implements FormatParser {

    private final JsonRecords records;

    DefenderParser(JsonRecords records) {
        this.records = records;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.DEFENDER;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        sink.reject(-1, null, "the DEFENDER parser is not written yet");
    }
}
