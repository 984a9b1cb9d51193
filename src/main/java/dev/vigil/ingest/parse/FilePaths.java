package dev.vigil.ingest.parse;

import org.jspecify.annotations.Nullable;

/** Full file paths from the folder-plus-name pairs Microsoft's evidence uses ({@code filePath}, {@code fileName}). */
final class FilePaths {

    private FilePaths() {}

    /** The folder and name joined with the folder's own separator; either part alone when the other is absent. */
    static @Nullable String join(@Nullable String folder, @Nullable String name) {
        if (folder == null || folder.isBlank()) {
            return name;
        }
        if (name == null || name.isBlank() || folder.endsWith(name)) {
            // Some sources already put the full path in filePath.
            return folder;
        }
        char separator = folder.indexOf('\\') < 0 && folder.indexOf('/') >= 0 ? '/' : '\\';
        char last = folder.charAt(folder.length() - 1);
        return last == '\\' || last == '/' ? folder + name : folder + separator + name;
    }
}
