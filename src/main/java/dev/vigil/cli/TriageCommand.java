package dev.vigil.cli;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.TriageResult;
import dev.vigil.attack.DetectionRules;
import dev.vigil.ingest.AlertParsing;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.ParseOutcome;
import dev.vigil.ingest.Rejection;
import dev.vigil.ingest.UnknownFormat;
import dev.vigil.triage.Triage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code vigil triage FILE...}: parse, score and print, offline: no database, no network. */
@Command(name = "triage", description = "Parse and score alert files offline and print the result.")
final class TriageCommand implements Callable<Integer> {

    enum Output {
        table,
        json
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description = "auto, defender, graph, suricata, zeek, sysmon or splunk.")
    String format;

    @Option(names = "--output", defaultValue = "table", description = "table or json.")
    Output output;

    @Option(names = "--events", description = "Also list context events (Sysmon, Zeek conn/dns, ...), not only alerts.")
    boolean events;

    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description = "A directory of Sigma rules, read recursively (repeatable); added to the built-in rules.")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Leave out Vigil's built-in Sigma rules.")
    boolean noBuiltinRules;

    @Parameters(paramLabel = "FILE", arity = "1..*")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceFormat forced = null;
        if (!format.equalsIgnoreCase("auto")) {
            forced = SourceFormat.fromId(format).orElse(null);
            if (forced == null) {
                err.println("vigil: " + UnknownFormat.named(format).getMessage());
                return VigilCommandLine.INPUT_ERROR;
            }
        }
        AlertParsing parsing = new AlertParsing(IngestLimits.defaults());
        DetectionRules rules;
        try {
            rules = OfflineTriage.rules(noBuiltinRules, ruleDirs);
        } catch (IllegalArgumentException e) {
            err.println("vigil: " + e.getMessage());
            return VigilCommandLine.INPUT_ERROR;
        }
        if (!rules.problems().isEmpty()) {
            err.println("sigma: " + rules.size() + " rules loaded, "
                    + rules.problems().size() + " not loaded (vigil rules check DIR lists them with the reasons)");
        }
        Triage triage = OfflineTriage.create(rules);
        List<TriagedFile> results = new ArrayList<>();
        int exit = 0;
        for (Path file : files) {
            try {
                ParseOutcome outcome = parsing.parse(Files.readAllBytes(file), forced, ParseContext.now());
                List<TriagedAlert> alerts = triageAll(triage, outcome.alerts(), events);
                results.add(new TriagedFile(file, outcome, alerts));
            } catch (NoSuchFileException e) {
                err.println("vigil: " + file + ": no such file");
                exit = VigilCommandLine.INPUT_ERROR;
            } catch (IOException e) {
                err.println("vigil: " + file + ": cannot read: " + e.getMessage());
                exit = VigilCommandLine.INPUT_ERROR;
            } catch (UnknownFormat e) {
                err.println("vigil: " + file + ": " + e.getMessage());
                exit = VigilCommandLine.INPUT_ERROR;
            }
        }
        if (output == Output.json) {
            printJson(out, results);
        } else {
            TriageTable.print(out, results);
        }
        for (TriagedFile result : results) {
            for (Rejection rejection : result.outcome().rejections()) {
                String where = rejection.line() != null ? "line " + rejection.line() : "record " + rejection.index();
                err.println("rejected: " + result.file() + " " + where + ": " + rejection.error());
            }
        }
        out.flush();
        err.flush();
        return exit;
    }

    /** Triages each record, and each alert an event raised; events are listed only when asked for. */
    static List<TriagedAlert> triageAll(Triage triage, List<Alert> records, boolean events) {
        List<TriagedAlert> alerts = new ArrayList<>();
        for (Alert record : records) {
            TriageResult result = triage.triage(record);
            if (events || record.kind() == AlertKind.ALERT) {
                alerts.add(new TriagedAlert(record, result, false));
            }
            for (Alert raised : result.raised()) {
                alerts.add(new TriagedAlert(raised, triage.triage(raised), true));
            }
        }
        return alerts;
    }

    private static void printJson(PrintWriter out, List<TriagedFile> results) {
        JsonMapper json =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        out.println(json.writeValueAsString(results.stream().map(TriageJson::of).toList()));
    }

    /** @param raised whether a Sigma rule raised it from an event, rather than a sensor sending it */
    record TriagedAlert(Alert alert, TriageResult triage, boolean raised) {}

    record TriagedFile(Path file, ParseOutcome outcome, List<TriagedAlert> alerts) {
        long count(AlertKind kind) {
            return outcome.alerts().stream().filter(a -> a.kind() == kind).count();
        }
    }
}
