package dev.vigil.ingest.parse;

import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.ParseOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

/** Reads our own fixtures under {@code samples/} and runs them through the parsers. */
final class ParserFixtures {

    static final ParseContext CONTEXT = new ParseContext(Instant.parse("2024-05-02T12:00:00Z"), "acme");

    private ParserFixtures() {}

    static byte[] bytes(String resource) {
        try (InputStream in = ParserFixtures.class.getResourceAsStream("/samples/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /** The 1-based line of a fixture, without its line ending. */
    static String line(String resource, int number) {
        return text(resource).split("\n", -1)[number - 1];
    }

    static ParseOutcome parse(String resource, SourceFormat format) {
        return parse(bytes(resource), format, IngestLimits.defaults());
    }

    static ParseOutcome parse(byte[] input, SourceFormat format, IngestLimits limits) {
        return new Parsers(limits).parse(input, format, CONTEXT);
    }

    /** The parser itself, not behind {@link Parsers}, which would turn an exception into a rejection. */
    static FormatParser parser(SourceFormat format) {
        IngestLimits limits = IngestLimits.defaults();
        JsonRecords records = new JsonRecords(Parsers.mapper(limits), limits);
        return switch (format) {
            case SURICATA -> new SuricataParser(records);
            case ZEEK -> new ZeekParser(records, limits);
            case SYSMON -> new WindowsEventParser(records, limits);
            default -> throw new IllegalArgumentException("not a parser tested here: " + format);
        };
    }

    /** Arbitrary bytes, plus mutations of a valid input, must never make a parser throw. */
    static void neverThrows(SourceFormat format, byte[] valid) {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            byte[] input;
            if (round % 2 == 0) {
                input = new byte[random.nextInt(200)];
                random.nextBytes(input);
            } else {
                input = valid.clone();
                for (int flips = 0; flips < 1 + random.nextInt(8) && input.length > 0; flips++) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
                input = java.util.Arrays.copyOf(input, random.nextInt(input.length + 1));
            }
            ParseSink sink = new ParseSink();
            parser(format).parse(input, CONTEXT, sink);
        }
    }
}
