package dev.vigil.cli.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        assertThat(Csv.parse("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n1,,3"))
                .containsExactly(
                        List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"), List.of("1", "", "3"));
    }

    @Test
    void keepsATrailingEmptyField() {
        assertThat(Csv.parse("a,\n")).containsExactly(List.of("a", ""));
    }

    @Test
    void refusesAQuoteNeverClosedNamingItsLine() {
        assertThatThrownBy(() -> Csv.parse("a\n\"open,b\nc")).hasMessage("a quote opened on line 2 is never closed");
    }
}
