package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;
import static dev.vigil.cli.defender.VigilApi.query;

import dev.vigil.cli.defender.Output.Column;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code vigil defender hunt run|queries|saved|runs}: advanced hunting (KQL) through Vigil. */
@Command(
        name = "hunt",
        description = "Advanced hunting: run a KQL query, list and run saved queries, see their scheduled runs.",
        subcommands = {HuntCommand.Run.class, HuntCommand.Queries.class, HuntCommand.Saved.class, HuntCommand.Runs.class
        })
final class HuntCommand {

    @Mixin
    Options.Help help;

    @Command(name = "run", description = "Run a KQL query; prints its rows.")
    static final class Run extends DefenderCall {
        @ArgGroup(multiplicity = "1")
        Query query;

        static final class Query {
            @Option(names = "--query", required = true, description = "The KQL query.")
            @Nullable
            String text;

            @Option(
                    names = "--query-file",
                    required = true,
                    paramLabel = "FILE",
                    description = "Read the query from a file.")
            @Nullable
            Path file;
        }

        @Option(names = "--timespan", description = "ISO 8601 period to search, e.g. P7D.")
        @Nullable
        String timespan;

        @Mixin
        MaxRows maxRows;

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode().put("query", given(kql(), "--query"));
            rows(
                    out,
                    api.post("/hunting/run", bounded(body, timespan, maxRows.value))
                            .body());
            return 0;
        }

        private @Nullable String kql() {
            if (query.file == null) {
                return query.text;
            }
            return InputFile.read(query.file);
        }
    }

    /** {@code --max-rows}, the same on a query and a saved one (their --timespan says different things). */
    static final class MaxRows {
        @Option(names = "--max-rows", paramLabel = "N", description = "At most this many rows.")
        @Nullable
        Integer value;
    }

    /** A hunting request with its --timespan and --max-rows, each only when given (else Vigil's default). */
    static ObjectNode bounded(ObjectNode body, @Nullable String timespan, @Nullable Integer maxRows) {
        if (timespan != null) body.put("timespan", timespan);
        if (maxRows != null) body.put("maxRows", maxRows);
        return body;
    }

    /** The rows as a table; a note on stderr when Graph had more than the row cap. */
    static void rows(Output out, JsonNode result) {
        out.anyTable(result, "No rows.");
        if (result.path("truncated").asBoolean(false)) {
            out.note("Graph returned more rows than the cap; "
                    + result.path("rowCount").asInt() + " shown" + " (raise --max-rows, up to 100000)");
        }
    }

    @Command(name = "queries", description = "List the saved queries.")
    static final class Queries extends DefenderCall {
        @Override
        int run(VigilApi api, Output out) {
            out.table(
                    api.get("/hunting/queries").body(),
                    "No saved queries.",
                    List.of(
                            Column.of("NAME", "name"),
                            new Column(
                                    "SCHEDULE",
                                    q -> q.path("schedule").isObject()
                                            ? q.path("schedule")
                                                            .path("interval")
                                                            .asString("")
                                                    + " "
                                                    + q.path("schedule")
                                                            .path("severity")
                                                            .asString("")
                                                    + (q.path("schedule")
                                                                    .path("enabled")
                                                                    .asBoolean(true)
                                                            ? ""
                                                            : " (off)")
                                            : ""),
                            Column.of("NEXT RUN", "nextRunAt"),
                            Column.of("DESCRIPTION", "description")));
            return 0;
        }
    }

    @Command(name = "saved", description = "Run a saved query by name.")
    static final class Saved extends DefenderCall {
        @Parameters(paramLabel = "NAME", description = "The saved query's name.")
        String name;

        @Option(names = "--timespan", description = "ISO 8601 period to search instead of the saved one.")
        @Nullable
        String timespan;

        @Mixin
        MaxRows maxRows;

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = bounded(VigilApi.JSON.createObjectNode(), timespan, maxRows.value);
            rows(out, api.post(path("hunting", "queries", name, "run"), body).body());
            return 0;
        }
    }

    @Command(name = "runs", description = "A saved query's recent scheduled runs, newest first.")
    static final class Runs extends DefenderCall {
        @Parameters(paramLabel = "NAME", description = "The saved query's name.")
        String name;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int run(VigilApi api, Output out) {
            out.table(
                    api.get(path("hunting", "queries", name, "runs"), query("limit", Integer.toString(limit)))
                            .body(),
                    "No runs yet.",
                    List.of(
                            Column.of("TIME", "time"),
                            Column.of("WINDOW START", "windowStart"),
                            Column.of("WINDOW END", "windowEnd"),
                            Column.of("ROWS", "rows"),
                            Column.of("ALERTS", "alertsRaised"),
                            Column.of("TRUNCATED", "truncated"),
                            Column.of("ERROR", "error")));
            return 0;
        }
    }

    private HuntCommand() {}
}
