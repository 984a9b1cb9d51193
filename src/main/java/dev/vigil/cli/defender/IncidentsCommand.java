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
import tools.jackson.databind.node.ObjectNode;

/** {@code vigil defender incidents list|get|update|comment}: Defender XDR incidents through Vigil. */
@Command(
        name = "incidents",
        description = "Defender XDR incidents: list, read, update, comment.",
        subcommands = {
            IncidentsCommand.ListIncidents.class,
            IncidentsCommand.Get.class,
            IncidentsCommand.Update.class,
            IncidentsCommand.Comment.class
        })
final class IncidentsCommand {

    @Mixin
    Options.Help help;

    @Command(name = "list", description = "List incidents.")
    static final class ListIncidents extends DefenderCall {
        @Option(names = "--status", description = "active, resolved, inProgress, redirected …")
        @Nullable
        String status;

        @Option(names = "--severity", description = "informational, low, medium or high.")
        @Nullable
        String severity;

        @Option(names = "--assigned-to", description = "Only those assigned to this owner (exact).")
        @Nullable
        String assignedTo;

        @Option(
                names = "--created-after",
                paramLabel = "ISO",
                description = "Only those created since, e.g. 2026-11-01T00:00:00Z.")
        @Nullable
        String createdAfter;

        @Option(names = "--top", paramLabel = "N", description = "At most this many (Vigil's default 100, up to 1000).")
        @Nullable
        Integer top;

        @Override
        int run(VigilApi api, Output out) {
            var answer = api.get(
                    "/incidents",
                    query(
                            "status",
                            status,
                            "severity",
                            severity,
                            "assignedTo",
                            assignedTo,
                            "createdAfter",
                            createdAfter,
                            "top",
                            top == null ? null : top.toString()));
            out.table(
                    answer.body(),
                    "No incidents.",
                    List.of(
                            Column.of("ID", "id"),
                            Column.of("SEVERITY", "severity"),
                            Column.of("STATUS", "status"),
                            Column.of("ASSIGNED TO", "assignedTo"),
                            Column.of("CREATED", "createdDateTime"),
                            Column.of("NAME", "displayName")));
            return 0;
        }
    }

    @Command(name = "get", description = "One incident.")
    static final class Get extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The incident's id.")
        String id;

        @Override
        int run(VigilApi api, Output out) {
            out.fields(api.get(path("incidents", id)).body());
            return 0;
        }
    }

    @Command(
            name = "update",
            description = "Change an incident's status, classification, determination, owner or tags.")
    static final class Update extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The incident's id.")
        String id;

        @Option(names = "--status", description = "active, resolved, inProgress …")
        @Nullable
        String status;

        @Option(
                names = "--classification",
                description = "truePositive, falsePositive, informationalExpectedActivity …")
        @Nullable
        String classification;

        @Option(names = "--determination", description = "malware, phishing, multiStagedAttack …")
        @Nullable
        String determination;

        @Option(names = "--assigned-to", description = "The owner (a user principal name); \"\" unassigns.")
        @Nullable
        String assignedTo;

        @Option(
                names = "--tag",
                paramLabel = "TAG",
                description = "A custom tag; repeat for several. Replaces the incident's custom tags.")
        @Nullable
        List<String> tags;

        @Mixin
        Options.Reason reason;

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode();
            if (status != null) body.put("status", status);
            if (classification != null) body.put("classification", classification);
            if (determination != null) body.put("determination", determination);
            if (assignedTo != null) body.put("assignedTo", assignedTo);
            if (tags != null) tags.forEach(body.withArray("customTags")::add);
            if (body.isEmpty()) {
                throw Failure.usage(
                        "nothing to change; give --status, --classification, --determination, --assigned-to or --tag");
            }
            body.put("reason", reason.given());
            out.fields(api.patch(path("incidents", id), body).body());
            return 0;
        }
    }

    @Command(name = "comment", description = "Add a comment to an incident.")
    static final class Comment extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The incident's id.")
        String id;

        @Option(names = "--comment", required = true, description = "The comment.")
        String comment;

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode().put("comment", given(comment, "--comment"));
            var answer = api.post(path("incidents", id, "comments"), body);
            // Vigil answers the incident's whole comment list, as Graph does.
            out.answer(
                    answer.body(),
                    "Commented on incident " + id
                            + (answer.body().isArray() ? " (" + answer.body().size() + " comment(s) now)" : ""));
            return 0;
        }
    }

    private IncidentsCommand() {}
}
