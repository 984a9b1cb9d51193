package dev.vigil.respond.defender.live;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One live-response command, checked before it can reach Defender: a library file to put on the device, a
 * library script to run (with optional arguments) or a device path to fetch (external-apis §2.5).
 */
public record LiveCommand(
        Type type, String target, @Nullable String args) {

    /** Library names: what Defender's library accepts, and nothing that could climb out of a folder. */
    static final Pattern LIBRARY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** An absolute Windows path on a drive; the characters Windows forbids in names are refused. */
    private static final Pattern WINDOWS_PATH = Pattern.compile("[A-Za-z]:\\\\[^<>\"|?*]{0,1020}");

    private static final int MAX_ARGS = 1024;

    /** Defender's command types, in the order a session must list them: puts, then scripts, then gets. */
    public enum Type {
        PutFile("FileName"),
        RunScript("ScriptName"),
        GetFile("Path");

        private final String paramKey;

        Type(String paramKey) {
            this.paramKey = paramKey;
        }

        /** The key of the command's main parameter in Defender's {@code params}. */
        public String paramKey() {
            return paramKey;
        }

        static Type of(@Nullable String name) {
            for (Type type : values()) {
                if (type.name().equals(name)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("command 'type' must be one of PutFile, RunScript, GetFile");
        }
    }

    public LiveCommand {
        if (type == null) {
            throw new IllegalArgumentException("command 'type' must be one of PutFile, RunScript, GetFile");
        }
        switch (type) {
            case PutFile -> libraryName(target, "file");
            case RunScript -> libraryName(target, "script");
            case GetFile -> windowsPath(target);
        }
        if (args != null) {
            if (type != Type.RunScript) {
                throw new IllegalArgumentException("only RunScript takes 'args'");
            }
            if (args.length() > MAX_ARGS || hasControl(args)) {
                throw new IllegalArgumentException(
                        "'args' must be at most " + MAX_ARGS + " characters without control characters");
            }
            if (args.isBlank()) {
                args = null;
            }
        }
    }

    /** A command from the API's body: {@code file}, {@code script} (and {@code args}) or {@code path}. */
    static LiveCommand of(
            @Nullable String type,
            @Nullable String file,
            @Nullable String script,
            @Nullable String args,
            @Nullable String path) {
        Type kind = Type.of(type);
        String target = switch (kind) {
            case PutFile -> only(kind, "file", file, script, path);
            case RunScript -> only(kind, "script", script, file, path);
            case GetFile -> only(kind, "path", path, file, script);
        };
        return new LiveCommand(kind, target, args);
    }

    private static String only(Type type, String field, @Nullable String value, @Nullable String... others) {
        for (String other : others) {
            if (other != null) {
                throw new IllegalArgumentException(type + " takes '" + field + "' only");
            }
        }
        if (value == null) {
            throw new IllegalArgumentException(type + " needs '" + field + "'");
        }
        return value;
    }

    private static void libraryName(@Nullable String name, String field) {
        if (name == null || !LIBRARY_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(
                    "'" + field + "' must be a library file name: 1 to 128 of letters, digits, '.', '_' and '-'");
        }
    }

    private static void windowsPath(@Nullable String path) {
        if (path == null || hasControl(path) || !WINDOWS_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("'path' must be an absolute Windows path such as C:\\Temp\\dump.zip"
                    + " (no control characters, none of < > \" | ? *, at most 1,023 characters)");
        }
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
