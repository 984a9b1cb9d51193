package dev.vigil.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportChunksTest {

    @Test
    void sendsSmallFilesWhole() {
        byte[] content = "{\"a\":1}\n".getBytes(UTF_8);
        assertThat(ImportCommand.Chunks.of(content, 100)).containsExactly(content);
    }

    @Test
    void cutsLineOrientedFilesAtLineEndsWithoutLosingALine() {
        String ndjson = "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n";
        List<byte[]> chunks = ImportCommand.Chunks.of(ndjson.getBytes(UTF_8), 20);
        assertThat(chunks).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(20));
        assertThat(String.join(
                        "", chunks.stream().map(c -> new String(c, UTF_8)).toList()))
                .isEqualTo(ndjson);
    }

    @Test
    void repeatsTheZeekHeaderInEveryChunk() {
        String header = "#separator \\x09\n#fields\tts\tuid\n";
        String tsv = header + "1\tA\n2\tB\n3\tC\n";
        List<byte[]> chunks = ImportCommand.Chunks.of(tsv.getBytes(UTF_8), header.length() + 10);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks).allSatisfy(c -> assertThat(new String(c, UTF_8)).startsWith(header));
        assertThat(chunks.stream()
                        .mapToLong(c -> new String(c, UTF_8)
                                .lines()
                                .filter(l -> !l.startsWith("#"))
                                .count())
                        .sum())
                .isEqualTo(3);
    }

    @Test
    void refusesLargeDocumentsThatCannotBeCut() {
        assertThatThrownBy(() -> ImportCommand.Chunks.of(("[" + "1,".repeat(50) + "1]").getBytes(UTF_8), 20))
                .hasMessageContaining("not line-oriented");
    }
}
