package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code vigil defender isolate|unisolate|scan|restrict|unrestrict|collect|offboard|quarantine}: Defender's
 * device response, one sub-command per action, each with the comment Defender and Vigil's audit keep.
 */
final class DeviceActionCommands {

    /** An action on one device, {@code POST /machines/{id}/{action}} with {@code {comment}} or {@code {type, comment}}. */
    abstract static class OnDevice extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The device's Defender id.")
        String id;

        @Option(names = "--comment", required = true, description = "Why (kept by Defender and in Vigil's audit).")
        String comment;

        /** The last path segment, which is also the sub-command's name. */
        private final String action;

        OnDevice(String action) {
            this.action = action;
        }

        /** Full/Selective, Quick/Full, or none. */
        @Nullable
        String type() {
            return null;
        }

        /** Only the {@link Gated} actions have {@code --preview}. */
        Map<String, String> previewQuery() {
            return Map.of();
        }

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode();
            String type = type();
            if (type != null) {
                body.put("type", type);
            }
            body.put("comment", given(comment, "--comment"));
            Accepted.print(out, api.post(path("machines", id, action), previewQuery(), body));
            return 0;
        }
    }

    /** An action Vigil can hold for a second person's approval (isolate, offboard), so it has {@code --preview}. */
    abstract static class Gated extends OnDevice {
        @Mixin
        Options.Preview preview;

        Gated(String action) {
            super(action);
        }

        @Override
        Map<String, String> previewQuery() {
            return preview.query();
        }
    }

    @Command(name = "isolate", description = "Cut a device off the network (Defender keeps its own connection).")
    static final class Isolate extends Gated {
        @Option(names = "--type", defaultValue = "Full", description = "Full or Selective (default ${DEFAULT-VALUE}).")
        String type;

        Isolate() {
            super("isolate");
        }

        @Override
        String type() {
            return choice(type, "--type", "Full", "Selective");
        }
    }

    @Command(name = "unisolate", description = "Release a device from isolation.")
    static final class Unisolate extends OnDevice {
        Unisolate() {
            super("unisolate");
        }
    }

    @Command(name = "scan", description = "Run an antivirus scan.")
    static final class Scan extends OnDevice {
        @Option(names = "--type", defaultValue = "Quick", description = "Quick or Full (default ${DEFAULT-VALUE}).")
        String type;

        Scan() {
            super("scan");
        }

        @Override
        String type() {
            return choice(type, "--type", "Quick", "Full");
        }
    }

    @Command(name = "restrict", description = "Allow only Microsoft-signed code to run.")
    static final class Restrict extends OnDevice {
        Restrict() {
            super("restrict");
        }
    }

    @Command(name = "unrestrict", description = "Lift the code execution restriction.")
    static final class Unrestrict extends OnDevice {
        Unrestrict() {
            super("unrestrict");
        }
    }

    @Command(name = "collect", description = "Collect the investigation package (then: actions package ID).")
    static final class Collect extends OnDevice {
        Collect() {
            super("collect");
        }
    }

    @Command(
            name = "offboard",
            description = "Offboard a device from Defender (admin; by default it waits for a second admin's approval).")
    static final class Offboard extends Gated {
        Offboard() {
            super("offboard");
        }
    }

    @Command(name = "quarantine", description = "Stop a file's processes and quarantine it on devices.")
    static final class Quarantine extends DefenderCall {
        private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");

        @Parameters(paramLabel = "SHA1", description = "The file's SHA-1.")
        String sha1;

        @Option(
                names = "--machine",
                required = true,
                arity = "1..*",
                paramLabel = "ID",
                description = "Devices (1 to 100).")
        List<String> machines;

        @Mixin
        Options.Comment comment;

        @Mixin
        Options.Preview preview;

        @Override
        int run(VigilApi api, Output out) {
            if (!SHA1.matcher(sha1).matches()) {
                throw Failure.usage("'" + sha1 + "' is not a SHA-1 (40 hex digits)");
            }
            ObjectNode body = VigilApi.JSON.createObjectNode();
            var ids = body.putArray("machineIds");
            machines.forEach(ids::add);
            body.put("comment", comment.given());
            VigilApi.Answer answer = api.post(path("files", sha1, "stop-and-quarantine"), preview.query(), body);
            if (!answer.body().isArray()) {
                // Held for approval, or a preview: one object, not a result per device.
                Accepted.print(out, answer);
                return 0;
            }
            if (out.json()) {
                out.json(answer.body());
            }
            int failed = 0;
            for (JsonNode device : answer.body()) {
                if (device.path("action").isObject()) {
                    if (!out.json()) {
                        out.line(Accepted.action(device.path("action"))
                                + (device.path("existing").asBoolean(false) ? " (already running)" : ""));
                    }
                } else {
                    failed++;
                    err().println(Output.clean(
                            "vigil: " + device.path("machineId").asString("?") + ": "
                                    + device.path("error").asString("not started")));
                }
            }
            return failed == 0 ? 0 : Failure.REFUSED;
        }
    }

    /** The allowed value, spelled as Defender spells it whatever the case given; a usage error otherwise. */
    static String choice(String given, String option, String... allowed) {
        for (String value : allowed) {
            if (value.toLowerCase(Locale.ROOT).equals(given.strip().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw Failure.usage(option + " must be one of " + String.join(", ", allowed) + ", not '" + given + "'");
    }

    private DeviceActionCommands() {}
}
