package dev.vigil.cli;

import dev.vigil.attack.DetectionRules;
import dev.vigil.ingest.AlertParsing;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.triage.Triage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil eval [--rules DIR] DATASETS}: detection measured on labelled OTRF datasets. */
@Command(
        name = "eval",
        description = {
            "Run labelled OTRF/Mordor datasets (<ID>.metadata.yaml beside <ID>_*.jsonl) through parsing, Sigma and"
                    + " triage; report per dataset whether an alert carries its ATT&CK technique, and the alerts per"
                    + " 1,000 events."
        })
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", description = "Sigma rule directory (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Leave out Vigil's built-in Sigma rules.")
    boolean noBuiltinRules;

    @Option(names = "--verbose", description = "Show which rule found each labelled technique.")
    boolean verbose;

    @Parameters(paramLabel = "DATASETS", description = "Directory holding the datasets.")
    Path directory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(directory)) {
            err.println("vigil: " + directory + ": not a directory");
            return VigilCommandLine.INPUT_ERROR;
        }
        DetectionRules rules;
        List<DatasetEvaluation.Dataset> datasets;
        try {
            rules = OfflineTriage.rules(noBuiltinRules, ruleDirs);
            datasets = DatasetEvaluation.find(directory);
        } catch (RuntimeException e) {
            err.println("vigil: " + e.getMessage());
            return VigilCommandLine.INPUT_ERROR;
        }
        if (datasets.isEmpty()) {
            err.println("vigil: " + directory + ": no datasets (<ID>.metadata.yaml with <ID>_*.jsonl)");
            return VigilCommandLine.INPUT_ERROR;
        }
        Triage triage = OfflineTriage.create(rules);
        AlertParsing parsing = new AlertParsing(IngestLimits.defaults());
        out.printf(
                "%d Sigma rules loaded (%d not loaded)%n%n",
                rules.size(), rules.problems().size());
        out.printf("%-20s %-12s %7s %7s %8s  %s%n", "dataset", "technique", "events", "alerts", "per 1k", "detected");
        int detected = 0;
        long events = 0;
        long alerts = 0;
        for (DatasetEvaluation.Dataset dataset : datasets) {
            DatasetEvaluation.Result result;
            try {
                result = DatasetEvaluation.evaluate(dataset, parsing, triage);
            } catch (IOException e) {
                err.println("vigil: " + dataset.events() + ": cannot read: " + e.getMessage());
                return VigilCommandLine.INPUT_ERROR;
            }
            detected += result.detected() ? 1 : 0;
            events += result.events();
            alerts += result.alerts();
            out.printf(
                    "%-20s %-12s %7d %7d %8.1f  %s  %s%n",
                    dataset.id(),
                    String.join(",", dataset.techniques()),
                    result.events(),
                    result.alerts(),
                    result.alertsPerThousand(),
                    result.detected() ? "yes" : "NO ",
                    dataset.title());
            if (verbose) {
                result.evidence().forEach(e -> out.println("      " + e));
            }
        }
        out.printf(
                "%nDetected %d of %d datasets; %d alerts from %d events (%.1f per 1,000 events).%n",
                detected, datasets.size(), alerts, events, events == 0 ? 0 : alerts * 1000.0 / events);
        out.flush();
        return 0;
    }
}
