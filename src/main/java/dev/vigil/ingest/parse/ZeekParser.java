package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;

/**
 * Reads Zeek logs, either the default TSV (see {@link ZeekTsvReader}; a record's raw text is the
 * {@code #fields} header line, a newline and its data line, so it can be read again on its own) or JSON
 * lines (Zeek's own JSON writer with {@code id.orig_h} and {@code _path}, or json-streaming-logs with
 * {@code @stream} and {@code id_orig_h}). Masked times ({@code XXXXXXXXXX.XXXXXX}) leave occurredAt unset.
 */
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
        int start = Bytes.skipBomAndWhitespace(input, 0);
        if (start < input.length && (input[start] == '{' || input[start] == '[')) {
            parseJson(input, context, sink);
        } else {
            parseTsv(input, context, sink);
        }
    }

    private void parseTsv(byte[] input, ParseContext context, ParseSink sink) {
        new ZeekTsvReader(limits.maxAlertSize().toBytes()).read(input, new ZeekTsvReader.Handler() {
            @Override
            public void row(ZeekTsvRow row) {
                try {
                    String logType = ZeekLogType.of(row.path(), row);
                    sink.accept(
                            ZeekRecordMapper.toAlert(logType, row, ZeekTime.parse(row.text("ts")), row.raw(), context));
                } catch (RuntimeException e) {
                    sink.reject(row.index(), row.line(), "unusable Zeek record: " + e.getMessage());
                }
            }

            @Override
            public void reject(int index, int line, String error) {
                sink.reject(index, line, error);
            }
        });
    }

    private void parseJson(byte[] input, ParseContext context, ParseSink sink) {
        records.read(input, sink, "Zeek record", record -> {
            ZeekJsonFields fields = new ZeekJsonFields(record.node());
            String logType = ZeekLogType.of(Fields.text(record.node(), "_path", "@stream"), fields);
            sink.accept(ZeekRecordMapper.toAlert(logType, fields, ZeekTime.of(record.node()), record.raw(), context));
        });
    }
}
