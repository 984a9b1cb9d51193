package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code vigil defender approvals list|approve|reject}: changes waiting for a second person. */
@Command(
        name = "approvals",
        description = "Changes waiting for approval: list, approve, reject.",
        subcommands = {
            ApprovalsCommand.ListApprovals.class,
            ApprovalsCommand.Approve.class,
            ApprovalsCommand.Reject.class
        })
final class ApprovalsCommand {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean help;

    @Command(name = "list", description = "List approvals.")
    static final class ListApprovals extends DefenderCall {
        @Override
        int run(VigilApi api, Output out) {
            out.anyTable(api.get("/approvals").body(), "No approvals.");
            return 0;
        }
    }

    /** {@code POST /approvals/{id}/approve|reject} with {@code {comment}}. */
    abstract static class Decide extends DefenderCall {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--comment", required = true, description = "Why.")
        String comment;

        abstract String verb();

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode().put("comment", given(comment, "--comment"));
            Accepted.print(out, api.post(path("approvals", id, verb()), body));
            return 0;
        }
    }

    @Command(name = "approve", description = "Approve: Vigil then carries the change out.")
    static final class Approve extends Decide {
        @Override
        String verb() {
            return "approve";
        }
    }

    @Command(name = "reject", description = "Reject: the change is not made.")
    static final class Reject extends Decide {
        @Override
        String verb() {
            return "reject";
        }
    }

    private ApprovalsCommand() {}
}
