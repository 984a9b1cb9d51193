package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ZeekTimeTest {

    @Test
    void keepsEpochSecondsToTheMicrosecond() {
        assertThat(ZeekTime.parse("1521911721.123456")).isEqualTo(Instant.parse("2018-03-24T17:15:21.123456Z"));
        assertThat(ZeekTime.parse("1521911721")).isEqualTo(Instant.parse("2018-03-24T17:15:21Z"));
        assertThat(ZeekTime.parse("1521911721.5")).isEqualTo(Instant.parse("2018-03-24T17:15:21.500Z"));
    }

    @Test
    void treatsMaskedMalformedAndAbsurdTimesAsUnknown() {
        assertThat(ZeekTime.parse("XXXXXXXXXX.XXXXXX")).isNull();
        assertThat(ZeekTime.parse("15219117x1.1")).isNull();
        assertThat(ZeekTime.parse("1521911721.")).isEqualTo(Instant.parse("2018-03-24T17:15:21Z"));
        assertThat(ZeekTime.parse("99999999999.0")).isNull();
        assertThat(ZeekTime.parse("1.1234567891")).isNull();
        assertThat(ZeekTime.parse("")).isNull();
    }

    @Test
    void readsIsoTimesFromJsonWriters() {
        assertThat(ZeekTime.parse("2018-03-24T17:15:21.123456Z"))
                .isEqualTo(Instant.parse("2018-03-24T17:15:21.123456Z"));
    }
}
