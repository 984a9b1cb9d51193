package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;
import static dev.vigil.cli.defender.VigilApi.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code vigil defender rules …}: Defender's custom detection rules through Vigil, with backup and restore. */
@Command(
        name = "rules",
        description = "Custom detection rules: list, read, enable, disable, delete, back up, restore.",
        subcommands = {
            CustomRulesCommand.ListRules.class,
            CustomRulesCommand.Get.class,
            CustomRulesCommand.Enable.class,
            CustomRulesCommand.Disable.class,
            CustomRulesCommand.Delete.class,
            CustomRulesCommand.Backup.class,
            CustomRulesCommand.Restore.class
        })
final class CustomRulesCommand {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean help;

    @Command(name = "list", description = "List the rules.")
    static final class ListRules extends DefenderCall {
        @Override
        int run(VigilApi api, Output out) {
            out.anyTable(api.get("/rules").body(), "No rules.");
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

        @Option(names = "--reason", required = true, description = "Why (goes into the audit).")
        String reason;

        abstract String verb();

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode().put("reason", given(reason, "--reason"));
            Accepted.print(out, api.post(path("rules", id, verb()), body));
            return 0;
        }
    }

    @Command(name = "enable", description = "Enable a rule.")
    static final class Enable extends Switch {
        @Override
        String verb() {
            return "enable";
        }
    }

    @Command(name = "disable", description = "Disable a rule.")
    static final class Disable extends Switch {
        @Override
        String verb() {
            return "disable";
        }
    }

    @Command(name = "delete", description = "Delete a rule.")
    static final class Delete extends DefenderCall {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--reason", required = true, description = "Why (goes into the audit).")
        String reason;

        @Override
        int run(VigilApi api, Output out) {
            Accepted.print(out, api.delete(path("rules", id), query("reason", given(reason, "--reason"))));
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

        @Option(names = "--reason", required = true, description = "Why (goes into the audit).")
        String reason;

        @Option(names = "--dry-run", description = "Only report what would change.")
        boolean dryRun;

        @Override
        int run(VigilApi api, Output out) {
            JsonNode document;
            try {
                document = VigilApi.JSON.readTree(Files.readString(file));
            } catch (NoSuchFileException e) {
                throw Failure.usage(file + ": no such file");
            } catch (IOException e) {
                throw Failure.usage(file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            } catch (JacksonException e) {
                throw Failure.usage(
                        file + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
            }
            if (!(document instanceof ObjectNode backup)) {
                throw Failure.usage(file + ": not a rules backup (a JSON object written by 'rules backup')");
            }
            backup.put("reason", given(reason, "--reason")).put("dryRun", dryRun);
            Accepted.print(out, api.post("/rules/restore", backup));
            return 0;
        }
    }

    private CustomRulesCommand() {}
}
