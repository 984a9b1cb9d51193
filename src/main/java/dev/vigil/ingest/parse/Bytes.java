package dev.vigil.ingest.parse;

/** Byte-level scanning shared by the parsers: BOMs, whitespace and lines. */
final class Bytes {

    private Bytes() {}

    static int skipBomAndWhitespace(byte[] input, int from) {
        int i = from;
        if (i + 2 < input.length
                && input[i] == (byte) 0xEF
                && input[i + 1] == (byte) 0xBB
                && input[i + 2] == (byte) 0xBF) {
            i += 3;
        }
        while (i < input.length && isWhitespace(input[i])) {
            i++;
        }
        return i;
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** 1-based line number of the byte at {@code position}. */
    static int lineOf(byte[] input, int position) {
        int line = 1;
        for (int i = 0; i < position && i < input.length; i++) {
            if (input[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Start of the first line after the one holding {@code from} whose first byte is {@code first}, or the end. */
    static int nextLineStartingWith(byte[] input, int from, byte first) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == '\n' && i + 1 < input.length && input[i + 1] == first) {
                return i + 1;
            }
        }
        return input.length;
    }

    /**
     * Line numbers of positions met in increasing order, each byte counted once: asking for every record's
     * line costs one pass over the input, not one pass per record.
     */
    static final class LineCounter {
        private final byte[] input;
        private int position;
        private int line = 1;

        LineCounter(byte[] input) {
            this.input = input;
        }

        int lineAt(int target) {
            if (target < position) {
                position = 0;
                line = 1;
            }
            int end = Math.min(target, input.length);
            while (position < end) {
                if (input[position++] == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}
