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

/** {@code vigil defender hunt …}: advanced hunting (KQL) through Vigil, and the tenant's library of saved queries. */
@Command(
        name = "hunt",
        description = "Advanced hunting: run a KQL query; list, save, show, run and delete saved queries; see their"
                + " scheduled runs.",
        subcommands = {
            HuntCommand.Run.class,
            HuntCommand.Queries.class,
            HuntCommand.Saved.class,
            HuntCommand.Runs.class,
            HuntCommand.Save.class,
            HuntCommand.Show.class,
            HuntCommand.Delete.class
        })
final class HuntCommand {

    @Mixin
    Options.Help help;

    /** {@code --query KQL | --query-file FILE}, exactly one, the same for a query run once and one saved. */
    static final class Kql {
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

        /** The KQL, from the option or the file, refused when blank. */
        String given() {
            return DefenderCall.given(file == null ? text : InputFile.read(file), "--query");
        }
    }

    @Command(name = "run", description = "Run a KQL query; prints its rows.")
    static final class Run extends DefenderCall {
        @ArgGroup(multiplicity = "1")
        Kql query;

        @Option(names = "--timespan", description = "ISO 8601 period to search, e.g. P7D.")
        @Nullable
        String timespan;

        @Mixin
        MaxRows maxRows;

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode().put("query", query.given());
            rows(
                    out,
                    api.post("/hunting/run", bounded(body, timespan, maxRows.value))
                            .body());
            return 0;
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
                            new Column("SCHEDULE", HuntCommand::schedule),
                            Column.of("NEXT RUN", "nextRunAt"),
                            Column.of("DESCRIPTION", "description")));
            return 0;
        }
    }

    /** A saved query's schedule in one line, {@code PT1H HIGH (off)}; empty when it has none. */
    static String schedule(JsonNode query) {
        JsonNode schedule = query.path("schedule");
        if (!schedule.isObject()) {
            return "";
        }
        return schedule.path("interval").asString("") + " "
                + schedule.path("severity").asString("")
                + (schedule.path("enabled").asBoolean(true) ? "" : " (off)");
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

    @Command(
            name = "save",
            description = "Save a query in the library (with --replace, replace the one of that name);"
                    + " with --every it runs on a schedule and its rows raise alerts.")
    static final class Save extends DefenderCall {
        @Parameters(paramLabel = "NAME", description = "The query's name: a-z, 0-9 and -, e.g. rare-logons.")
        String name;

        @ArgGroup(multiplicity = "1")
        Kql query;

        @Option(names = "--description", description = "What the query finds (the title of its alerts).")
        @Nullable
        String description;

        @Option(names = "--timespan", description = "ISO 8601 period it searches when run by hand, e.g. P7D.")
        @Nullable
        String timespan;

        @Option(
                names = "--every",
                paramLabel = "INTERVAL",
                description = "Run it on a schedule this often: ISO 8601, PT5M to P1D, e.g. PT1H.")
        @Nullable
        String every;

        @Option(
                names = "--severity",
                description = "Severity of the alerts its scheduled runs raise: INFO, LOW, MEDIUM (Vigil's default),"
                        + " HIGH, CRITICAL.")
        @Nullable
        String severity;

        @Option(names = "--disabled", description = "Keep the schedule but do not run it yet.")
        boolean disabled;

        @Option(names = "--replace", description = "Replace the saved query of this name (else a taken name fails).")
        boolean replace;

        @Mixin
        Options.Reason reason;

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode().put("name", name);
            if (description != null) body.put("description", description);
            body.put("query", query.given());
            if (timespan != null) body.put("timespan", timespan);
            if (every != null) {
                ObjectNode schedule = body.putObject("schedule").put("interval", every);
                if (severity != null) schedule.put("severity", severity);
                schedule.put("enabled", !disabled);
            } else if (severity != null || disabled) {
                throw Failure.usage("--severity and --disabled are about a schedule; give --every too");
            }
            body.put("reason", reason.given());
            JsonNode saved = replace
                    ? api.put(path("hunting", "queries", name), body).body()
                    : api.post("/hunting/queries", body).body();
            String scheduled = schedule(saved);
            out.answer(
                    saved,
                    (replace ? "Replaced" : "Saved") + " query "
                            + saved.path("name").asString(name)
                            + (scheduled.isEmpty() ? "" : ", every " + scheduled)
                            + (saved.hasNonNull("nextRunAt")
                                    ? ", next run " + saved.path("nextRunAt").asString()
                                    : ""));
            return 0;
        }
    }

    @Command(name = "show", description = "One saved query: its KQL, schedule, author and next run.")
    static final class Show extends DefenderCall {
        @Parameters(paramLabel = "NAME", description = "The saved query's name.")
        String name;

        @Override
        int run(VigilApi api, Output out) {
            out.fields(api.get(path("hunting", "queries", name)).body());
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a saved query and its run history.")
    static final class Delete extends DefenderCall {
        @Parameters(paramLabel = "NAME", description = "The saved query's name.")
        String name;

        @Mixin
        Options.Reason reason;

        @Override
        int run(VigilApi api, Output out) {
            api.delete(path("hunting", "queries", name), query("reason", reason.given()));
            if (!out.json()) {
                // A 204 has no body, so --json prints nothing: the exit code says it worked.
                out.line("Deleted saved query " + name);
            }
            return 0;
        }
    }

    private HuntCommand() {}
}
