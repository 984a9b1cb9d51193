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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code vigil defender indicators list|add|import|delete}: Defender's custom indicators, each change with a reason. */
@Command(
        name = "indicators",
        description = "Custom indicators (files, IPs, URLs, domains, certificates).",
        subcommands = {
            IndicatorsCommand.ListIndicators.class,
            IndicatorsCommand.Add.class,
            IndicatorsCommand.Import.class,
            IndicatorsCommand.Delete.class
        })
final class IndicatorsCommand {

    @Mixin
    Options.Help help;

    static final List<Column> COLUMNS = List.of(
            Column.of("ID", "id"),
            Column.of("TYPE", "indicatorType"),
            Column.of("VALUE", "indicatorValue"),
            Column.of("ACTION", "action"),
            Column.of("SEVERITY", "severity"),
            Column.of("EXPIRES", "expirationTime"),
            Column.of("TITLE", "title"));

    @Command(name = "list", description = "List indicators.")
    static final class ListIndicators extends DefenderCall {
        @Option(
                names = "--type",
                description =
                        "Only this type: FileSha1, FileSha256, FileMd5, IpAddress, DomainName, Url, CertificateThumbprint.")
        @Nullable
        String type;

        @Option(names = "--value", description = "Only this value.")
        @Nullable
        String value;

        @Mixin
        Options.Top top;

        @Override
        int run(VigilApi api, Output out) {
            var answer = api.get("/indicators", query("type", type, "value", value, "top", top.value()));
            out.table(answer.body(), "No indicators.", COLUMNS);
            return 0;
        }
    }

    @Command(name = "add", description = "Add (or update) one indicator.")
    static final class Add extends DefenderCall {
        @Option(
                names = "--type",
                required = true,
                description = "FileSha1, FileSha256, FileMd5, IpAddress, DomainName, Url or CertificateThumbprint.")
        String type;

        @Option(names = "--value", required = true, description = "The hash, address, domain or URL.")
        String value;

        @Option(
                names = "--action",
                required = true,
                description = "Alert, Warn, Block, Audit, BlockAndRemediate or Allowed.")
        String action;

        @Option(names = "--severity", required = true, description = "Informational, Low, Medium or High.")
        String severity;

        @Option(names = "--title", required = true, description = "Shown in alerts.")
        String title;

        @Option(names = "--reason", required = true, description = "Why (goes into the description and the audit).")
        String reason;

        @Option(names = "--description", description = "More about it (default: the reason).")
        @Nullable
        String description;

        @Option(names = "--expires", paramLabel = "ISO", description = "Expiry, e.g. 2026-12-31T00:00:00Z.")
        @Nullable
        String expires;

        @Option(names = "--recommended-actions", description = "Shown in alerts.")
        @Nullable
        String recommendedActions;

        @Option(names = "--generate-alert", description = "Raise an alert when it matches.")
        @Nullable
        Boolean generateAlert;

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON
                    .createObjectNode()
                    .put("indicatorValue", given(value, "--value"))
                    .put("indicatorType", given(type, "--type"))
                    .put("action", given(action, "--action"))
                    .put("severity", given(severity, "--severity"))
                    .put("title", given(title, "--title"))
                    .put("reason", given(reason, "--reason"));
            if (description != null) body.put("description", description);
            if (expires != null) body.put("expirationTime", expires);
            if (recommendedActions != null) body.put("recommendedActions", recommendedActions);
            if (generateAlert != null) body.put("generateAlert", generateAlert);
            JsonNode added = api.post("/indicators", body).body();
            out.answer(
                    added,
                    "Indicator " + added.path("id").asString("") + ": "
                            + added.path("indicatorType").asString("") + " "
                            + added.path("indicatorValue").asString("") + " -> "
                            + added.path("action").asString(""));
            return 0;
        }
    }

    @Command(name = "import", description = "Import indicators from a JSON or CSV file (one request, up to 10,000).")
    static final class Import extends DefenderCall {
        @Parameters(paramLabel = "FILE", description = "JSON array, {\"indicators\": [...]}, or CSV with a header row.")
        Path file;

        @Option(names = "--reason", required = true, description = "Why (for every indicator without its own).")
        String reason;

        @Mixin
        Options.Preview preview;

        @Override
        int run(VigilApi api, Output out) {
            ObjectNode body = VigilApi.JSON.createObjectNode().put("reason", given(reason, "--reason"));
            ArrayNode indicators = IndicatorFile.read(file);
            body.set("indicators", indicators);
            VigilApi.Answer sent = api.post("/indicators/import", preview.query(), body);
            if (Accepted.isPreview(sent.body()) || Accepted.isApproval(sent.body())) {
                Accepted.print(out, sent);
                return 0;
            }
            if (preview.asked()) {
                // Vigil never imports on a preview; an answer that is not one is said plainly.
                out.note("Vigil did not answer a preview but the import's result; it follows");
            }
            JsonNode answer = sent.body();
            int failed = answer.path("failed").asInt(0);
            out.answer(answer, "Imported " + answer.path("imported").asInt(0) + ", failed " + failed);
            for (JsonNode result : answer.path("results")) {
                if (result.path("failed").asBoolean(false)) {
                    err().println(Output.clean(
                            "vigil: " + result.path("indicator").asString("?") + ": "
                                    + result.path("failureReason").asString("refused")));
                }
            }
            return failed == 0 ? 0 : Failure.REFUSED;
        }
    }

    @Command(name = "delete", description = "Delete an indicator by id, or every indicator with a value.")
    static final class Delete extends DefenderCall {
        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--id", required = true, description = "The indicator's id.")
            @Nullable
            String id;

            @Option(names = "--value", required = true, description = "Every indicator with this value.")
            @Nullable
            String value;
        }

        @Mixin
        Options.Reason reason;

        @Override
        int run(VigilApi api, Output out) {
            String why = reason.given();
            if (which.id != null) {
                api.delete(path("indicators", which.id), query("reason", why));
                if (!out.json()) out.line("Deleted indicator " + which.id);
                return 0;
            }
            JsonNode answer = api.delete("/indicators", query("value", given(which.value, "--value"), "reason", why))
                    .body();
            out.answer(answer, "Deleted indicator(s) " + Output.text(answer.path("deleted")));
            return 0;
        }
    }

    private IndicatorsCommand() {}
}
