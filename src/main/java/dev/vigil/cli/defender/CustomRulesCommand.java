package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;
import static dev.vigil.cli.defender.VigilApi.query;

import dev.vigil.cli.defender.Output.Column;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code vigil defender rules …}: Defender's custom detection rules through Vigil, with backup and restore. */
@Command(
        name = "rules",
        description = "Custom detection rules: list, read, create, update, enable, disable, delete, back up, restore.",
        subcommands = {
            CustomRulesCommand.ListRules.class,
            CustomRulesCommand.Get.class,
            CustomRulesCommand.Create.class,
            CustomRulesCommand.Update.class,
            CustomRulesCommand.Enable.class,
            CustomRulesCommand.Disable.class,
            CustomRulesCommand.Delete.class,
            CustomRulesCommand.Backup.class,
            CustomRulesCommand.Restore.class
        })
final class CustomRulesCommand {

    @Mixin
    Options.Help help;

    @Command(name = "list", description = "List the rules.")
    static final class ListRules extends DefenderCall {
        @Override
        int run(VigilApi api, Output out) {
            out.table(
                    api.get("/rules").body(),
                    "No rules.",
                    List.of(
                            Column.of("ID", "id"),
                            Column.of("ENABLED", "isEnabled"),
                            new Column(
                                    "PERIOD",
                                    r -> Output.text(r.path("schedule").path("period"))),
                            new Column(
                                    "SEVERITY",
                                    r -> Output.text(r.path("detectionAction")
                                            .path("alertTemplate")
                                            .path("severity"))),
                            Column.of("MODIFIED", "lastModifiedDateTime"),
                            Column.of("NAME", "displayName")));
            return 0;
        }
    }

    /** {@code {reason, rule}}: the body of a create or an update, the rule (or its changed fields) from a file. */
    static ObjectNode ruleChange(Options.Reason reason, Path file) {
        ObjectNode body = reason.body();
        body.set("rule", ruleFile(file));
        return body;
    }

    /** A rule read from a JSON file: Graph's detectionRule, as 'rules get --json' prints it. */
    private static ObjectNode ruleFile(Path file) {
        JsonNode rule = document(file);
        if (!(rule instanceof ObjectNode object)) {
            throw Failure.usage(file + ": not a rule (a JSON object with Graph's detectionRule fields)");
        }
        return object;
    }

    static JsonNode document(Path file) {
        String text = InputFile.read(file);
        try {
            return VigilApi.JSON.readTree(text);
        } catch (JacksonException e) {
            throw Failure.usage(
                    file + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
    }

    @Command(name = "create", description = "Create a rule from a JSON file (Graph's detectionRule).")
    static final class Create extends DefenderCall {
        @Parameters(paramLabel = "FILE", description = "The rule as JSON; server-set fields (id, …) are ignored.")
        Path file;

        @Mixin
        Options.Reason reason;

        @Override
        int run(VigilApi api, Output out) {
            JsonNode created = api.post("/rules", ruleChange(reason, file)).body();
            out.answer(
                    created,
                    "Created rule " + created.path("id").asString("?") + ": "
                            + created.path("displayName").asString(""));
            return 0;
        }
    }

    @Command(name = "update", description = "Change a rule: the fields in a JSON file (a sub-object whole).")
    static final class Update extends DefenderCall {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "FILE", description = "The fields to change, as JSON.")
        Path file;

        @Mixin
        Options.Reason reason;

        @Override
        int run(VigilApi api, Output out) {
            out.fields(api.patch(path("rules", id), ruleChange(reason, file)).body());
            return 0;
        }
    }

    @Command(name = "get", description = "One rule.")
    static final class Get extends DefenderCall {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(VigilApi api, Output out) {
            out.fields(api.get(path("rules", id)).body());
            return 0;
        }
    }

    /** {@code POST /rules/{id}/enable|disable} with {@code {reason}}. */
    abstract static class Switch extends DefenderCall {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        Options.Reason reason;

        /** The last path segment, which is also the sub-command's name. */
        private final String verb;

        Switch(String verb) {
            this.verb = verb;
        }

        @Override
        int run(VigilApi api, Output out) {
            Accepted.print(out, api.post(path("rules", id, verb), reason.body()));
            return 0;
        }
    }

    @Command(name = "enable", description = "Enable a rule.")
    static final class Enable extends Switch {
        Enable() {
            super("enable");
        }
    }

    @Command(name = "disable", description = "Disable a rule.")
    static final class Disable extends Switch {
        Disable() {
            super("disable");
        }
    }

    @Command(name = "delete", description = "Delete a rule.")
    static final class Delete extends DefenderCall {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        Options.Reason reason;

        @Mixin
        Options.Preview preview;

        @Override
        int run(VigilApi api, Output out) {
            VigilApi.Answer answer = api.delete(
                    path("rules", id), query("reason", reason.given(), "preview", preview.asked() ? "true" : null));
            if (answer.status() == 204 && !out.json()) {
                out.line("Deleted rule " + id);
            } else {
                Accepted.print(out, answer);
            }
            return 0;
        }
    }

    @Command(name = "backup", description = "Write every rule to a file (a document 'rules restore' takes).")
    static final class Backup extends DefenderCall {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
        Path file;

        @Option(names = "--force", description = "Overwrite the file if it exists.")
        boolean force;

        @Override
        int run(VigilApi api, Output out) {
            OutputFile.checkWritable(file, force);
            VigilApi.Answer answer = api.get("/rules/backup");
            OutputFile.write(file, answer.bytes(), force);
            JsonNode rules = answer.body().path("rules");
            out.line("Wrote " + (rules.isArray() ? rules.size() + " rule(s)" : answer.bytes().length + " bytes")
                    + " to " + file);
            return 0;
        }
    }

    @Command(name = "restore", description = "Restore rules from a backup file.")
    static final class Restore extends DefenderCall {
        @Parameters(paramLabel = "FILE", description = "A file written by 'rules backup'.")
        Path file;

        @Mixin
        Options.Reason reason;

        @Option(names = "--dry-run", description = "Only report what would change.")
        boolean dryRun;

        @Override
        int run(VigilApi api, Output out) {
            if (!(document(file) instanceof ObjectNode backup)
                    || !backup.path("rules").isArray()) {
                throw Failure.usage(file + ": not a rules backup (a JSON object written by 'rules backup')");
            }
            backup.put("reason", reason.given()).put("dryRun", dryRun);
            JsonNode answer = api.post("/rules/restore", backup).body();
            int failed = answer.path("failed").asInt(0);
            if (out.json()) {
                out.json(answer);
                return failed == 0 ? 0 : Failure.REFUSED;
            }
            out.line((answer.path("dryRun").asBoolean(dryRun)
                            ? "Would restore (dry run, nothing changed): "
                            : "Restored: ")
                    + "created " + answer.path("created").asInt(0)
                    + ", updated " + answer.path("updated").asInt(0)
                    + ", unchanged " + answer.path("unchanged").asInt(0)
                    + ", failed " + failed);
            out.table(
                    answer.path("results"),
                    "No rules in the backup.",
                    List.of(
                            Column.of("RESULT", "result"),
                            Column.of("ID", "id"),
                            Column.of("NAME", "displayName"),
                            Column.of("ERROR", "error")));
            return failed == 0 ? 0 : Failure.REFUSED;
        }
    }

    private CustomRulesCommand() {}
}
