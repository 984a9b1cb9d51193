package dev.vigil.ingest.parse;

import dev.vigil.ingest.IngestLimits;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits JSON input into top-level records: the elements of one array, or a sequence of objects (NDJSON,
 * Splunk HEC's concatenated envelopes, or a single pretty-printed document). A malformed record is
 * reported and reading resumes at the next line that starts a new object, so one bad line never costs
 * the rest of a batch. Inside an array there is no such place to resume: a syntax error there ends the
 * array, after the elements before it were delivered.
 */
final class JsonRecords {

    /** Receives records and rejections in input order. */
    interface Handler {
        void record(JsonRecord record);

        void reject(int index, @Nullable Integer line, String error);
    }

    private final JsonMapper mapper;
    private final long maxRecordBytes;

    JsonRecords(JsonMapper mapper, IngestLimits limits) {
        this.mapper = mapper;
        this.maxRecordBytes = limits.maxAlertSize().toBytes();
    }

    /**
     * Reads records into a sink: rejections go straight to it and each record to {@code onRecord}; a record
     * whose mapping throws is rejected as an unusable {@code what}, so one odd record never stops the rest.
     */
    void read(byte[] input, ParseSink sink, String what, Consumer<JsonRecord> onRecord) {
        read(input, new Handler() {
            @Override
            public void record(JsonRecord record) {
                try {
                    onRecord.accept(record);
                } catch (RuntimeException e) {
                    sink.reject(record.index(), record.line(), "unusable " + what + ": " + reason(e));
                }
            }

            @Override
            public void reject(int index, @Nullable Integer line, String error) {
                sink.reject(index, line, error);
            }
        });
    }

    static String reason(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    void read(byte[] input, Handler handler) {
        int start = Bytes.skipBomAndWhitespace(input, 0);
        if (start < input.length && input[start] == '[') {
            readArray(input, start, handler);
        } else {
            readSequence(input, start, handler);
        }
    }

    private void readArray(byte[] input, int start, Handler handler) {
        int index = 0;
        int baseLine = Bytes.lineOf(input, start);
        try (JsonParser parser = mapper.createParser(input, start, input.length - start)) {
            parser.nextToken();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    handler.reject(index, null, "JSON array is not closed");
                    return;
                }
                int line = parser.currentTokenLocation().getLineNr() + baseLine - 1;
                int from = start + (int) parser.currentTokenLocation().getByteOffset();
                JsonNode node = parser.readValueAsTree();
                int to = start + (int) parser.currentLocation().getByteOffset();
                deliver(input, from, to, index++, line, node, handler);
            }
            if (parser.nextToken() != null) {
                handler.reject(index, null, "unexpected content after the JSON array");
            }
        } catch (JacksonException e) {
            handler.reject(
                    index, e.getLocation() == null ? null : e.getLocation().getLineNr() + baseLine - 1, describe(e));
        }
    }

    private void readSequence(byte[] input, int start, Handler handler) {
        int index = 0;
        int from = start;
        Bytes.LineCounter lines = new Bytes.LineCounter(input);
        while (from < input.length) {
            int baseLine = lines.lineAt(from);
            int nextRecord = from;
            try (JsonParser parser = mapper.createParser(input, from, input.length - from)) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    int recordStart = from + (int) parser.currentTokenLocation().getByteOffset();
                    int line = baseLine + parser.currentTokenLocation().getLineNr() - 1;
                    if (token.isScalarValue()) {
                        handler.reject(index++, line, "expected a JSON object, found " + describe(token));
                        continue;
                    }
                    JsonNode node = parser.readValueAsTree();
                    nextRecord = from + (int) parser.currentLocation().getByteOffset();
                    deliver(input, recordStart, nextRecord, index++, line, node, handler);
                }
                return;
            } catch (JacksonException e) {
                int failedStart = Bytes.skipBomAndWhitespace(input, nextRecord);
                handler.reject(index++, lines.lineAt(failedStart), describe(e));
                from = Bytes.nextLineStartingWith(input, failedStart, (byte) '{');
            }
        }
    }

    private void deliver(byte[] input, int from, int to, int index, int line, JsonNode node, Handler handler) {
        if (to - from > maxRecordBytes) {
            handler.reject(
                    index,
                    line,
                    "record is " + (to - from) + " bytes, over the limit of " + maxRecordBytes
                            + " bytes for one alert");
        } else if (!node.isObject()) {
            handler.reject(
                    index,
                    line,
                    "expected a JSON object, found " + node.getNodeType().name().toLowerCase());
        } else {
            handler.record(
                    new JsonRecord(index, line, node, new String(input, from, to - from, StandardCharsets.UTF_8)));
        }
    }

    /** Jackson's message without the source excerpt it appends, which could echo large or secret input. */
    static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        return "malformed JSON: " + (message == null ? e.getClass().getSimpleName() : message);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase();
        };
    }
}
