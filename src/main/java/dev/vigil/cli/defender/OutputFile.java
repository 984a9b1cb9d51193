package dev.vigil.cli.defender;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file a command writes (a rules backup, a live response download): never over an existing one unless
 * {@code --force}, never half-written (written beside it, then moved), readable by its owner only.
 */
final class OutputFile {

    private OutputFile() {}

    /** Refuses before any call to Vigil, so a refusal costs nothing. */
    static void checkWritable(Path file, boolean force) {
        if (Files.exists(file) && !force) {
            throw Failure.usage(file + " exists; give --force to overwrite it");
        }
        if (Files.isDirectory(file)) {
            throw Failure.usage(file + " is a directory");
        }
    }

    static void write(Path file, byte[] bytes, boolean force) {
        Path absolute = file.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: its default permissions stay.
            }
            Files.write(temporary, bytes);
            try {
                move(temporary, absolute, force, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                move(temporary, absolute, force);
            }
        } catch (FileAlreadyExistsException e) {
            throw Failure.usage(file + " exists; give --force to overwrite it");
        } catch (IOException e) {
            throw Failure.usage(file + ": cannot write it (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // Best effort: a left-over .part file is harmless.
                }
            }
        }
    }

    private static void move(Path from, Path to, boolean force, StandardCopyOption... options) throws IOException {
        if (!force && Files.exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        StandardCopyOption[] all = java.util.Arrays.copyOf(options, options.length + (force ? 1 : 0));
        if (force) {
            all[options.length] = StandardCopyOption.REPLACE_EXISTING;
        }
        Files.move(from, to, all);
    }
}
