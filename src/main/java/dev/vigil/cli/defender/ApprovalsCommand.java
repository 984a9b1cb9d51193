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

/** {@code vigil defender approvals list|get|approve|reject}: changes waiting for a second person. */
@Command(
        name = "approvals",
        description = "Changes waiting for a second person's approval: list, read, approve, reject.",
        subcommands = {
            ApprovalsCommand.ListApprovals.class,
            ApprovalsCommand.Get.class,
            ApprovalsCommand.Approve.class,
            ApprovalsCommand.Reject.class
        })
final class ApprovalsCommand {

    @Mixin
    Options.Help help;

    @Command(name = "list", description = "List approvals, newest first.")
    static final class ListApprovals extends DefenderCall {
        @Option(
                names = "--status",
                description = "Only these: pending, approved, executed, failed, rejected or expired.")
        @Nullable
        String status;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int run(VigilApi api, Output out) {
            out.table(
                    api.get("/approvals", query("status", status, "limit", Integer.toString(limit)))
                            .body(),
                    "No approvals.",
                    List.of(
                            Column.of("ID", "id"),
                            Column.of("STATUS", "status"),
                            Column.of("OPERATION", "operation"),
                            Column.of("TARGET", "target"),
                            Column.of("REQUESTED BY", "requestedBy"),
                            Column.of("REQUESTED", "requestedAt"),
                            Column.of("EXPIRES", "expiresAt"),
                            Column.of("REASON", "reason")));
            return 0;
        }
    }

    @Command(name = "get", description = "One approval: what was asked, its preview, and what became of it.")
    static final class Get extends DefenderCall {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(VigilApi api, Output out) {
            out.fields(api.get(path("approvals", id)).body());
            return 0;
        }
    }

    /** {@code POST /approvals/{id}/approve|reject} with {@code {comment}}. */
    abstract static class Decide extends DefenderCall {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        Options.Comment comment;

        /** The last path segment, which is also the sub-command's name. */
        private final String verb;

        Decide(String verb) {
            this.verb = verb;
        }

        @Override
        int run(VigilApi api, Output out) {
            Accepted.print(out, api.post(path("approvals", id, verb), comment.body()));
            return 0;
        }
    }

    @Command(
            name = "approve",
            description = "Approve: Vigil then carries the change out (not by whoever asked for it; needs the"
                    + " operation's own permission, admin for offboard).")
    static final class Approve extends Decide {
        Approve() {
            super("approve");
        }
    }

    @Command(name = "reject", description = "Reject: the change is not made.")
    static final class Reject extends Decide {
        Reject() {
            super("reject");
        }
    }

    private ApprovalsCommand() {}
}
