package dev.vigil.cli.defender;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A text file a command reads (an API key, a KQL query, a rule, indicators): a usage error if it cannot. */
final class InputFile {

    private InputFile() {}

    /** The file's text as UTF-8; the error names the file and the kind of failure, never its content. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Failure.usage(file + ": no such file");
        } catch (IOException e) {
            throw Failure.usage(file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }
}
