package dev.vigil.access.pii;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the PII master key comes from: {@code VIGIL_PII_KEY} (base64, 32 bytes) when set; otherwise
 * {@code pii.key} in the data directory, generated on the first start, readable by its owner only.
 */
final class PiiKeySource {

    static final String FILE_NAME = "pii.key";
    private static final Logger log = LoggerFactory.getLogger(PiiKeySource.class);

    private PiiKeySource() {}

    static byte[] masterKey(@Nullable String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), "VIGIL_PII_KEY");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
                log.warn(
                        "Generated a PII vault key in {}; in production set VIGIL_PII_KEY (32 random bytes, base64)"
                                + " and keep it safe: without it pseudonyms cannot be turned back into values",
                        file.toAbsolutePath());
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the PII key file " + file, e);
        }
    }

    /** Written whole to a private temporary file, then linked into place: no reader ever sees half a key. */
    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String encoded = Base64.getEncoder().encodeToString(PiiKeys.newMasterKey()) + "\n";
        Path temporary = Files.getFileStore(dir).supportsFileAttributeView("posix")
                ? Files.createTempFile(
                        dir,
                        FILE_NAME,
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            Files.writeString(temporary, encoded, StandardCharsets.US_ASCII);
            try {
                // link(2) fails when the name exists, where rename(2) would replace another process's key
                Files.createLink(file, temporary);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temporary, file);
            }
        } catch (FileAlreadyExistsException raced) {
            // another process on this data directory created it first: use theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64");
        }
        if (key.length != PiiKeys.MASTER_KEY_BYTES) {
            throw new IllegalStateException(where + " must hold " + PiiKeys.MASTER_KEY_BYTES + " bytes, not "
                    + key.length + " (e.g. openssl rand -base64 32)");
        }
        return key;
    }
}
