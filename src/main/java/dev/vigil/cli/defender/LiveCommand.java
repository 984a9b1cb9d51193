package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code vigil defender live run|get|download}: live response on a device. The commands go in Defender's own
 * shape ({@code {type: RunScript|GetFile|PutFile, params: [{key, value}]}}), in the order given.
 */
@Command(
        name = "live",
        description = "Live response: run scripts, fetch and put files on a device.",
        subcommands = {LiveCommand.Run.class, LiveCommand.Get.class, LiveCommand.Download.class})
final class LiveCommand {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean help;

    @Command(name = "run", description = "Start a live response session with one or more commands, in order.")
    static final class Run extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The device's Defender id.")
        String id;

        @Option(names = "--comment", required = true, description = "Why.")
        String comment;

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
            ObjectNode body = VigilApi.JSON.createObjectNode().put("comment", given(comment, "--comment"));
            ArrayNode commands = body.putArray("commands");
            if (steps.isEmpty()) {
                throw Failure.usage("give at least one --script, --get or --put");
            }
            for (String[] step : steps) {
                switch (step[0]) {
                    case "--script" -> {
                        ArrayNode params = command(commands, "RunScript");
                        param(params, "ScriptName", given(step[1], "--script"));
                        if (step.length > 2) {
                            param(params, "Args", step[2]);
                        }
                    }
                    case "--get" -> param(command(commands, "GetFile"), "Path", given(step[1], "--get"));
                    default -> param(command(commands, "PutFile"), "FileName", given(step[1], "--put"));
                }
            }
            Accepted.print(out, api.post(path("machines", id, "live-response"), body));
            return 0;
        }

        private static ArrayNode command(ArrayNode commands, String type) {
            ObjectNode command = commands.addObject().put("type", type);
            return command.putArray("params");
        }

        private static void param(ArrayNode params, String key, String value) {
            params.addObject().put("key", key).put("value", value);
        }
    }

    @Command(name = "get", description = "A live response session: its status and each command's result.")
    static final class Get extends DefenderCall {
        @Parameters(paramLabel = "SESSION")
        String session;

        @Override
        int run(VigilApi api, Output out) {
            out.fields(api.get(path("live-response", session)).body());
            return 0;
        }
    }

    @Command(name = "download", description = "Save the file a session's command fetched.")
    static final class Download extends DefenderCall {
        @Parameters(index = "0", paramLabel = "SESSION")
        String session;

        @Parameters(index = "1", paramLabel = "INDEX", description = "The command's index in the session (from 0).")
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
            VigilApi.Answer answer = api.download(path("live-response", session, "files", Integer.toString(index)));
            OutputFile.write(file, answer.bytes(), force);
            out.line("Wrote " + answer.bytes().length + " bytes to " + file);
            return 0;
        }
    }

    private LiveCommand() {}
}
