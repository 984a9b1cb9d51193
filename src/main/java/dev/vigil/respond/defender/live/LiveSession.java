package dev.vigil.respond.defender.live;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A live-response session as Vigil keeps it: who asked why, Defender's action and status, and each command with
 * what it returned. {@code endedAt} is set once the session ended in Defender and its results were kept.
 */
public record LiveSession(
        UUID id,
        String tenant,
        String machineId,
        @Nullable String actionId,
        String requestedBy,
        String comment,
        String status,
        @Nullable String error,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant endedAt,
        List<Command> commands) {

    /** One command: Defender's status and errors; a script's result or a fetched file's size and digest. */
    public record Command(
            int index,
            String type,
            String target,
            @Nullable String args,
            String status,
            List<String> errors,
            @Nullable Instant startedAt,
            @Nullable Instant endedAt,
            @Nullable ScriptResult script,
            @Nullable KeptFile file,
            @Nullable String resultError) {}

    /** What a RunScript returned (Defender's {@code exit_code}, {@code script_output}, {@code script_errors}). */
    public record ScriptResult(
            @Nullable Integer exitCode,
            @Nullable String output,
            @Nullable String errors) {}

    /** A file GetFile fetched and Vigil kept: download it from {@code …/files/{index}}. */
    public record KeptFile(String name, long size, String sha256) {}
}
