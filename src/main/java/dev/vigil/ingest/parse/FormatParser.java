package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseContext;

/**
 * One parser per source format. A parser reads a whole input, hands every alert or context event it
 * understands to the sink and reports every record it cannot use; it never throws for bad input.
 */
sealed interface FormatParser
        permits DefenderParser, GraphParser, SuricataParser, ZeekParser, WindowsEventParser, SplunkParser {

    SourceFormat format();

    void parse(byte[] input, ParseContext context, ParseSink sink);
}
