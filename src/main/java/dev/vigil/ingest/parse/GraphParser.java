package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseContext;

final class GraphParser implements FormatParser {

    private final JsonRecords records;

    GraphParser(JsonRecords records) {
        this.records = records;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.GRAPH;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        sink.reject(-1, null, "the GRAPH parser is not written yet");
    }
}
