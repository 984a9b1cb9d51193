package dev.vigil.respond.defender.live;

import dev.vigil.respond.defender.MachineAction;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A live-response MachineAction as Defender reports it: its status and each command's (external-apis §2.4-2.5). */
record LiveAction(String id, String status, List<CommandState> commands) {

    /** One command's state: {@code Created}, {@code Completed} or {@code Failed}, with Defender's errors. */
    record CommandState(
            int index,
            String commandStatus,
            List<String> errors,
            @Nullable Instant startTime,
            @Nullable Instant endTime) {}

    boolean ended() {
        return MachineAction.FINAL.contains(status);
    }

    /** Reads Defender's answer; null when it lacks an id or a status Vigil knows. */
    static @Nullable LiveAction read(@Nullable JsonNode node) {
        if (node == null
                || !node.path("id").isString()
                || !MachineAction.STATUSES.contains(node.path("status").asString(""))) {
            return null;
        }
        List<CommandState> commands = new ArrayList<>();
        int position = 0;
        for (JsonNode command : node.path("commands")) {
            List<String> errors = new ArrayList<>();
            for (JsonNode error : command.path("errors")) {
                errors.add(error.isString() ? error.asString() : error.toString());
            }
            String status = command.path("commandStatus").asString("Created");
            commands.add(new CommandState(
                    command.path("index").asInt(position),
                    switch (status) {
                        case "Completed", "Failed" -> status;
                        default -> "Created";
                    },
                    errors,
                    instant(command.path("startTime")),
                    instant(command.path("endTime"))));
            position++;
        }
        return new LiveAction(node.path("id").asString(), node.path("status").asString(), commands);
    }

    private static @Nullable Instant instant(JsonNode value) {
        if (!value.isString()) {
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
