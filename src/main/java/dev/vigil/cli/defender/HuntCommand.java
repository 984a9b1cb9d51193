package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code vigil defender hunt run|queries|saved}: advanced hunting (KQL) through Vigil. */
@Command(
        name = "hunt",
        description = "Advanced hunting: run a KQL query, list and run saved queries.",
        subcommands = {HuntCommand.Run.class, HuntCommand.Queries.class, HuntCommand.Saved.class})
final class HuntCommand {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean help;

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

        @Option(names = "--max-rows", paramLabel = "N", description = "At most this many rows.")
        @Nullable
        Integer maxRows;

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode().put("query", given(kql(), "--query"));
            if (timespan != null) body.put("timespan", timespan);
            if (maxRows != null) body.put("maxRows", maxRows);
            out.anyTable(api.post("/hunting/run", body).body(), "No rows.");
            return 0;
        }

        private @Nullable String kql() {
            if (query.file == null) {
                return query.text;
            }
            try {
                return Files.readString(query.file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw Failure.usage(query.file + ": no such file");
            } catch (IOException e) {
                throw Failure.usage(
                        query.file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    @Command(name = "queries", description = "List the saved queries.")
    static final class Queries extends DefenderCall {
        @Override
        int run(VigilApi api, Output out) {
            out.anyTable(api.get("/hunting/queries").body(), "No saved queries.");
            return 0;
        }
    }

    @Command(name = "saved", description = "Run a saved query by name.")
    static final class Saved extends DefenderCall {
        @Parameters(paramLabel = "NAME", description = "The saved query's name.")
        String name;

        @Override
        int run(VigilApi api, Output out) {
            out.anyTable(
                    api.post(path("hunting", "queries", name, "run"), VigilApi.JSON.createObjectNode())
                            .body(),
                    "No rows.");
            return 0;
        }
    }

    private HuntCommand() {}
}
