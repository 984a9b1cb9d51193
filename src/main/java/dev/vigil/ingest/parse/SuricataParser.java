package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseContext;

final class SuricataParser implements FormatParser {

    private final JsonRecords records;

    SuricataParser(JsonRecords records) {
        this.records = records;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.SURICATA;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        sink.reject(-1, null, "the SURICATA parser is not written yet");
    }
}
