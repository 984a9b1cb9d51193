package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;

import dev.vigil.cli.defender.Output.Column;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Stack;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code vigil defender live run|get|download|library}: live response on a device. The commands go in Vigil's
 * shape ({@code {type: PutFile, file}}, {@code {type: RunScript, script, args}}, {@code {type: GetFile, path}}),
 * in the order given; Vigil refuses an order other than puts, then scripts, then gets rather than reorder them.
 */
@Command(
        name = "live",
        description = "Live response: run scripts, fetch and put files on a device.",
        subcommands = {
            LiveCommand.Run.class,
            LiveCommand.Get.class,
            LiveCommand.Download.class,
            LiveCommand.Library.class
        })
final class LiveCommand {

    @Mixin
    Options.Help help;

    @Command(
            name = "run",
            description = "Start a live response session: up to 10 commands, given in the order --put, --script, --get"
                    + " (Vigil refuses any other order rather than reorder them).")
    static final class Run extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The device's Defender id.")
        String id;

        @Mixin
        Options.Comment comment;

        @Option(
                names = "--script",
                paramLabel = "NAME",
                parameterConsumer = InOrder.class,
                description = "Run this library script.")
        @Nullable
        String script;

        @Option(
                names = "--args",
                paramLabel = "A",
                parameterConsumer = InOrder.class,
                description = "The arguments of the --script before it.")
        @Nullable
        String args;

        @Option(
                names = "--get",
                paramLabel = "PATH",
                parameterConsumer = InOrder.class,
                description = "Fetch this file from the device.")
        @Nullable
        String get;

        @Option(
                names = "--put",
                paramLabel = "FILE",
                parameterConsumer = InOrder.class,
                description = "Put this library file on the device.")
        @Nullable
        String put;

        /** The commands as given, each an option's name and value; --args joins the --script before it. */
        final List<String[]> steps = new ArrayList<>();

        /** Keeps --script, --args, --get and --put in the order given, which is the order Defender runs them. */
        static final class InOrder implements IParameterConsumer {
            @Override
            public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
                String option = ((OptionSpec) argSpec).longestName();
                if (args.isEmpty()) {
                    throw new ParameterException(commandSpec.commandLine(), "Missing value for " + option);
                }
                List<String[]> steps = ((Run) commandSpec.userObject()).steps;
                String value = args.pop();
                if (option.equals("--args")) {
                    if (steps.isEmpty()
                            || !steps.get(steps.size() - 1)[0].equals("--script")
                            || steps.get(steps.size() - 1).length > 2) {
                        throw new ParameterException(
                                commandSpec.commandLine(), "--args must follow the --script it belongs to");
                    }
                    String[] script = steps.remove(steps.size() - 1);
                    steps.add(new String[] {script[0], script[1], value});
                } else {
                    steps.add(new String[] {option, value});
                }
            }
        }

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = comment.body();
            ArrayNode commands = body.putArray("commands");
            if (steps.isEmpty()) {
                throw Failure.usage("give at least one --put, --script or --get");
            }
            for (String[] step : steps) {
                switch (step[0]) {
                    case "--script" -> {
                        ObjectNode command =
                                commands.addObject().put("type", "RunScript").put("script", given(step[1], "--script"));
                        if (step.length > 2) {
                            command.put("args", step[2]);
                        }
                    }
                    case "--get" -> commands.addObject().put("type", "GetFile").put("path", given(step[1], "--get"));
                    default -> commands.addObject().put("type", "PutFile").put("file", given(step[1], "--put"));
                }
            }
            VigilApi.Answer answer = api.post(path("machines", id, "live-response"), body);
            if (out.json()) {
                out.json(answer.body());
                return 0;
            }
            JsonNode session = answer.body();
            out.line("Live response session " + session.path("id").asString("?") + " on "
                    + session.path("machineId").asString(id) + ": "
                    + session.path("status").asString("?"));
            out.line("Follow it with: vigil defender live get "
                    + session.path("machineId").asString(id) + " "
                    + session.path("id").asString("SESSION"));
            return 0;
        }
    }

    @Command(name = "get", description = "A live response session: its status and each command's result.")
    static final class Get extends DefenderCall {
        @Parameters(index = "0", paramLabel = "MACHINE", description = "The device's Defender id.")
        String machine;

        @Parameters(index = "1", paramLabel = "SESSION", description = "The session's id (from 'live run').")
        String session;

        @Override
        int run(VigilApi api, Output out) {
            JsonNode found =
                    api.get(path("machines", machine, "live-response", session)).body();
            if (out.json()) {
                out.json(found);
                return 0;
            }
            out.line("Session " + found.path("id").asString(session) + " on "
                    + found.path("machineId").asString(machine)
                    + ": " + found.path("status").asString("?")
                    + (found.hasNonNull("endedAt")
                            ? " (ended " + found.path("endedAt").asString() + ")"
                            : ""));
            out.line("comment: " + found.path("comment").asString("") + "; requested by "
                    + found.path("requestedBy").asString("?") + " at "
                    + found.path("createdAt").asString("?"));
            if (found.hasNonNull("error")) {
                out.line("error: " + found.path("error").asString());
            }
            for (JsonNode command : found.path("commands")) {
                command(out, command);
            }
            return 0;
        }

        private void command(Output out, JsonNode command) {
            int index = command.path("index").asInt();
            StringBuilder line =
                    new StringBuilder("[" + index + "] " + command.path("type").asString("?") + " "
                            + command.path("target").asString(""));
            if (command.hasNonNull("args")) {
                line.append(' ').append(command.path("args").asString());
            }
            line.append(": ").append(command.path("status").asString("?"));
            JsonNode script = command.path("script");
            if (script.hasNonNull("exitCode")) {
                line.append(", exit code ").append(script.path("exitCode").asInt());
            }
            JsonNode file = command.path("file");
            if (file.isObject()) {
                line.append(", kept ")
                        .append(file.path("name").asString("?"))
                        .append(" (")
                        .append(file.path("size").asLong())
                        .append(" bytes, SHA-256 ")
                        .append(file.path("sha256").asString("?"))
                        .append(')');
            }
            out.line(line.toString());
            for (JsonNode error : command.path("errors")) {
                out.line("    error: " + error.asString());
            }
            if (command.hasNonNull("resultError")) {
                out.line("    result not kept: " + command.path("resultError").asString());
            }
            indented(out, "output", script.path("output"));
            indented(out, "errors", script.path("errors"));
            if (file.isObject()) {
                out.line("    save it with: vigil defender live download " + machine + " " + session + " " + index
                        + " --out FILE");
            }
        }

        /** A script's output, line by line (each without control characters), under a heading. */
        private static void indented(Output out, String heading, JsonNode text) {
            if (!text.isString() || text.asString().isBlank()) {
                return;
            }
            out.line("    " + heading + ":");
            text.asString().lines().forEach(line -> out.line("      " + line));
        }
    }

    @Command(name = "download", description = "Save the file a session's GetFile command fetched.")
    static final class Download extends DefenderCall {
        @Parameters(index = "0", paramLabel = "MACHINE", description = "The device's Defender id.")
        String machine;

        @Parameters(index = "1", paramLabel = "SESSION", description = "The session's id.")
        String session;

        @Parameters(index = "2", paramLabel = "INDEX", description = "The command's index in the session (from 0).")
        int index;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
        Path file;

        @Option(names = "--force", description = "Overwrite the file if it exists.")
        boolean force;

        @Override
        int run(VigilApi api, Output out) {
            if (index < 0) {
                throw Failure.usage("INDEX must be 0 or more");
            }
            OutputFile.checkWritable(file, force);
            VigilApi.Answer answer =
                    api.download(path("machines", machine, "live-response", session, "files", Integer.toString(index)));
            String expected = answer.header("X-Content-SHA256");
            String actual = sha256(answer.bytes());
            if (expected != null && !expected.equalsIgnoreCase(actual)) {
                // Cut short or changed on the way: a partial file must not pass for the fetched one.
                throw Failure.unavailable("the file's SHA-256 is " + actual + ", not " + Output.clean(expected)
                        + " as Vigil kept it; nothing written");
            }
            OutputFile.write(file, answer.bytes(), force);
            out.line("Wrote " + answer.bytes().length + " bytes to " + file + " (SHA-256 " + actual + ")");
            return 0;
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    @Command(name = "library", description = "The tenant's live response library: the scripts and files to use.")
    static final class Library extends DefenderCall {
        @Override
        int run(VigilApi api, Output out) {
            out.table(
                    api.get("/live-response/library").body(),
                    "The library is empty.",
                    List.of(
                            Column.of("NAME", "fileName"),
                            Column.of("PARAMETERS", "hasParameters"),
                            Column.of("UPDATED", "lastUpdatedTime"),
                            new Column(
                                    "DESCRIPTION",
                                    f -> Output.text(f.path("description"))
                                            + (f.hasNonNull("parametersDescription")
                                                    ? " (parameters: "
                                                            + f.path("parametersDescription")
                                                                    .asString() + ")"
                                                    : ""))));
            return 0;
        }
    }

    private LiveCommand() {}
}
