package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Command(name = "run", description = "Start a live response session with one or more commands, in order.")
    static final class Run extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The device's Defender id.")
        String id;

        @Option(names = "--comment", required = true, description = "Why.")
        String comment;

        @ArgGroup(exclusive = true, multiplicity = "1..*")
        List<Step> steps;

        /** One command: a library script (with its arguments), a file to fetch, or a library file to put. */
        static final class Step {
            @ArgGroup(exclusive = false)
            @Nullable
            Script script;

            @Option(
                    names = "--get",
                    required = true,
                    paramLabel = "PATH",
                    description = "Fetch this file from the device.")
            @Nullable
            String get;

            @Option(
                    names = "--put",
                    required = true,
                    paramLabel = "FILE",
                    description = "Put this library file on the device.")
            @Nullable
            String put;
        }

        static final class Script {
            @Option(names = "--script", required = true, paramLabel = "NAME", description = "Run this library script.")
            String name;

            @Option(names = "--args", paramLabel = "A", description = "The script's arguments.")
            @Nullable
            String args;
        }

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode().put("comment", given(comment, "--comment"));
            ArrayNode commands = body.putArray("commands");
            for (Step step : steps) {
                if (step.script != null) {
                    ArrayNode params = command(commands, "RunScript");
                    param(params, "ScriptName", given(step.script.name, "--script"));
                    if (step.script.args != null) {
                        param(params, "Args", step.script.args);
                    }
                } else if (step.get != null) {
                    param(command(commands, "GetFile"), "Path", given(step.get, "--get"));
                } else if (step.put != null) {
                    param(command(commands, "PutFile"), "FileName", given(step.put, "--put"));
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
            VigilApi.Answer answer = api.get(path("live-response", session, "files", Integer.toString(index)));
            OutputFile.write(file, answer.bytes(), force);
            out.line("Wrote " + answer.bytes().length + " bytes to " + file);
            return 0;
        }
    }

    private LiveCommand() {}
}
