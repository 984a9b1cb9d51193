package dev.vigil.alert;

import org.jspecify.annotations.Nullable;

/** A process named in an alert: its image, command line, parent and hashes of its image. */
public record ProcessInfo(
        @Nullable String image,
        @Nullable String commandLine,
        @Nullable String parentImage,
        @Nullable Long pid,
        FileHashes hashes) {

    public ProcessInfo {
        image = Text.blankToNull(image);
        commandLine = Text.blankToNull(commandLine);
        parentImage = Text.blankToNull(parentImage);
        if (image == null && commandLine == null) {
            throw new IllegalArgumentException("a process needs an image or a command line");
        }
    }
}
