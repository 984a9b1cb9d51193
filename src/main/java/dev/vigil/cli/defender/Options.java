package dev.vigil.cli.defender;

import java.util.Map;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * The options many {@code vigil defender} commands share, as picocli mixins ({@code @Mixin Options.Reason reason;}),
 * so each is spelled, described and checked in one place. A command whose option means something else (another
 * description, another default) keeps its own.
 */
final class Options {

    private Options() {}

    /** {@code -h/--help}, on every command and group of commands. */
    static final class Help {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help.")
        boolean help;
    }

    /** {@code --reason}: why a change is made; Vigil's audit keeps it. */
    static final class Reason {
        @Option(names = "--reason", required = true, description = "Why (goes into the audit).")
        String reason;

        /** The reason, refused when blank. */
        String given() {
            return DefenderCall.given(reason, "--reason");
        }

        /** {@code {reason}}: the body of a change that needs nothing else. */
        ObjectNode body() {
            return VigilApi.JSON.createObjectNode().put("reason", given());
        }
    }

    /** {@code --comment}: why an action is taken or a decision made. */
    static final class Comment {
        @Option(names = "--comment", required = true, description = "Why.")
        String comment;

        /** The comment, refused when blank. */
        String given() {
            return DefenderCall.given(comment, "--comment");
        }

        /** {@code {comment}}: the body of a change that needs nothing else. */
        ObjectNode body() {
            return VigilApi.JSON.createObjectNode().put("comment", given());
        }
    }

    /** {@code --top}: how many rows a list asks Vigil for. */
    static final class Top {
        @Option(names = "--top", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int top;

        /** The query parameter's value. */
        String value() {
            return Integer.toString(top);
        }
    }

    /** {@code --preview} on the changes Vigil can hold for approval. */
    static final class Preview {
        @Option(
                names = "--preview",
                description = "Only show what it would affect and whether it waits for approval; change nothing.")
        boolean preview;

        boolean asked() {
            return preview;
        }

        /** {@code ?preview=true} when asked for: the gated endpoints then answer a preview and change nothing. */
        Map<String, String> query() {
            return preview ? Map.of("preview", "true") : Map.of();
        }
    }
}
