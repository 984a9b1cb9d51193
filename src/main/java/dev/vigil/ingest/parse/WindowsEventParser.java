package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import org.jspecify.annotations.Nullable;

/**
 * Reads Windows events, Sysmon included: JSON exports (OTRF/Mordor and NXLog flat records, winlogbeat's
 * {@code winlog.*} shape) or event XML ({@link WindowsEventXmlReader}), whose raw text is the exact
 * {@code <Event>...</Event>} element. Mapping is described on {@link WindowsEventMapper}.
 */
final class WindowsEventParser implements FormatParser {

    private final JsonRecords records;
    private final WindowsEventXmlReader xml;

    WindowsEventParser(JsonRecords records, IngestLimits limits) {
        this.records = records;
        this.xml = new WindowsEventXmlReader(limits.maxAlertSize().toBytes());
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.SYSMON;
    }

    @Override
    public void parse(byte[] input, ParseContext context, ParseSink sink) {
        int start = Bytes.skipBomAndWhitespace(input, 0);
        if (start < input.length && input[start] == '<') {
            parseXml(input, context, sink);
        } else {
            parseJson(input, context, sink);
        }
    }

    private void parseXml(byte[] input, ParseContext context, ParseSink sink) {
        xml.read(input, new WindowsEventXmlReader.Handler() {
            @Override
            public void event(int index, int line, WindowsXmlEvent event, String raw) {
                accept(event, raw, index, line, context, sink);
            }

            @Override
            public void reject(int index, @Nullable Integer line, String error) {
                sink.reject(index, line, error);
            }
        });
    }

    private void parseJson(byte[] input, ParseContext context, ParseSink sink) {
        records.read(
                input,
                sink,
                "Windows event",
                record -> accept(
                        new WindowsJsonEvent(record.node()),
                        record.raw(),
                        record.index(),
                        record.line(),
                        context,
                        sink));
    }

    private static void accept(
            WindowsEventFields event,
            String raw,
            int index,
            @Nullable Integer line,
            ParseContext context,
            ParseSink sink) {
        try {
            sink.accept(WindowsEventMapper.toAlert(event, raw, context));
        } catch (RuntimeException e) {
            sink.reject(index, line, "unusable Windows event: " + e.getMessage());
        }
    }
}
