package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;
import static dev.vigil.cli.defender.VigilApi.query;

import dev.vigil.cli.defender.Output.Column;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil defender actions list|get|cancel|package}: device actions, as Defender and Vigil's poller see them. */
@Command(
        name = "actions",
        description = "Device actions: list, follow, cancel, and the investigation package's link.",
        subcommands = {
            ActionsCommand.ListActions.class,
            ActionsCommand.Get.class,
            ActionsCommand.Cancel.class,
            ActionsCommand.Package.class
        })
final class ActionsCommand {

    @Mixin
    Options.Help help;

    static final List<Column> COLUMNS = List.of(
            Column.of("ID", "id"),
            Column.of("TYPE", "type"),
            Column.of("STATUS", "status"),
            Column.of("MACHINE", "machineId"),
            Column.of("REQUESTOR", "requestor"),
            Column.of("CREATED", "creationDateTimeUtc"),
            Column.of("COMMENT", "requestorComment"));

    @Command(name = "list", description = "List actions, newest first.")
    static final class ListActions extends DefenderCall {
        @Option(names = "--machine", paramLabel = "ID", description = "Only this device's.")
        @Nullable
        String machine;

        @Option(names = "--type", description = "Only this type, e.g. Isolate, RunAntiVirusScan.")
        @Nullable
        String type;

        @Option(names = "--status", description = "Pending, InProgress, Succeeded, Failed, TimeOut or Cancelled.")
        @Nullable
        String status;

        @Mixin
        Options.Top top;

        @Override
        int run(VigilApi api, Output out) {
            var answer = api.get(
                    "/actions", query("machineId", machine, "type", type, "status", status, "top", top.value()));
            out.table(answer.body(), "No actions.", COLUMNS);
            return 0;
        }
    }

    @Command(name = "get", description = "One action and its status.")
    static final class Get extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The action's id.")
        String id;

        @Override
        int run(VigilApi api, Output out) {
            out.fields(api.get(path("actions", id)).body());
            return 0;
        }
    }

    @Command(name = "cancel", description = "Cancel an action not yet ended.")
    static final class Cancel extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The action's id.")
        String id;

        @Mixin
        Options.Comment comment;

        @Override
        int run(VigilApi api, Output out) {
            var answer = api.post(path("actions", id, "cancel"), comment.body());
            out.answer(answer.body(), Accepted.action(answer.body()));
            return 0;
        }
    }

    @Command(name = "package", description = "The investigation package's download link (short-lived).")
    static final class Package extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The id of a succeeded collect action.")
        String id;

        @Override
        int run(VigilApi api, Output out) {
            var answer = api.get(path("actions", id, "package-uri"));
            out.answer(answer.body(), answer.body().path("uri").asString(""));
            return 0;
        }
    }

    private ActionsCommand() {}
}
