package dev.vigil.respond.defender.live;

import java.util.List;

/**
 * A live-response session asked for: why, and its commands, checked as Defender requires them (external-apis
 * §2.5): 1 to 10 commands, ordered PutFile, then RunScript, then GetFile. A bad order is refused, not
 * reordered: the caller's order may matter to them (a script reading a file put before it).
 */
public record LiveRequest(String comment, List<LiveCommand> commands) {

    static final int MAX_COMMANDS = 10;

    public LiveRequest {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("'comment' is required: say why");
        }
        if (comment.length() > 1_000) {
            throw new IllegalArgumentException("'comment' must be at most 1,000 characters");
        }
        if (commands == null || commands.isEmpty() || commands.size() > MAX_COMMANDS) {
            throw new IllegalArgumentException("'commands' must hold 1 to " + MAX_COMMANDS + " commands");
        }
        commands = List.copyOf(commands);
        for (int i = 1; i < commands.size(); i++) {
            LiveCommand before = commands.get(i - 1);
            LiveCommand command = commands.get(i);
            if (command.type().ordinal() < before.type().ordinal()) {
                throw new IllegalArgumentException("commands must be ordered PutFile, then RunScript, then GetFile:"
                        + " command " + i + " (" + command.type() + ") comes after " + before.type());
            }
        }
    }
}
