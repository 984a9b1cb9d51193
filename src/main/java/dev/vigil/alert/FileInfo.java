package dev.vigil.alert;

import org.jspecify.annotations.Nullable;

/** A file named in an alert, by path, hashes, or both. */
public record FileInfo(@Nullable String path, FileHashes hashes) {

    public FileInfo {
        path = Text.blankToNull(path);
        if (path == null && hashes.hasNone()) {
            throw new IllegalArgumentException("a file needs a path or a hash");
        }
    }
}
