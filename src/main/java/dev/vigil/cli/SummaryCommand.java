package dev.vigil.cli;

import dev.vigil.notify.summary.SummaryPeriod;
import dev.vigil.notify.summary.SummaryProperties;
import dev.vigil.notify.summary.SummaryReport;
import dev.vigil.notify.summary.SummaryReports;
import dev.vigil.notify.summary.SummaryText;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code vigil summary --preview}: the daily summary's content, computed from Vigil's database, printed. */
@Command(
        name = "summary",
        description = "The daily summary (uses the database of the Vigil on this data directory, or VIGIL_DB_URL).")
final class SummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preview", required = true, description = "Print the summary instead of sending it.")
    boolean preview;

    @Option(names = "--from", paramLabel = "INSTANT", description = "Start, ISO-8601 (default: 24 hours before --to).")
    @Nullable
    Instant from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "End, ISO-8601, exclusive (default: now).")
    @Nullable
    Instant to;

    @Option(names = "--json", description = "Print the JSON the API returns instead of text.")
    boolean json;

    @Override
    public Integer call() {
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : from;
        return AdminRun.run(spec, context -> {
            SummaryPeriod period = new SummaryPeriod(start, end);
            SummaryReport report = context.bean(SummaryReports.class).report(period);
            if (json) {
                spec.commandLine()
                        .getOut()
                        .println(JsonMapper.builder()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .build()
                                .writeValueAsString(report));
            } else {
                spec.commandLine()
                        .getOut()
                        .print(SummaryText.render(
                                report, context.bean(SummaryProperties.class).zone()));
            }
        });
    }
}
