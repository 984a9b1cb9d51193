package dev.vigil.cli;

import dev.vigil.alert.AlertTechnique;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.AlertParsing;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.ParseOutcome;
import dev.vigil.triage.Triage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs labelled OTRF (Mordor) datasets through parsing, Sigma and triage, and checks for each whether an
 * alert it produced carries the dataset's ATT&amp;CK technique (or a sub-technique of it). A dataset is a
 * {@code <ID>.metadata.yaml} (its {@code attack_mappings}) beside {@code <ID>_*.jsonl} events.
 */
final class DatasetEvaluation {

    record Dataset(String id, String title, List<String> techniques, Path events) {}

    /**
     * @param evidence for each labelled technique found, where it came from (rule and matched fields)
     */
    record Result(Dataset dataset, int events, int alerts, boolean detected, List<String> evidence) {

        double alertsPerThousand() {
            return events == 0 ? 0 : alerts * 1000.0 / events;
        }
    }

    private DatasetEvaluation() {}

    static List<Dataset> find(Path directory) {
        List<Dataset> datasets = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path metadata : files.filter(f -> f.getFileName().toString().endsWith(".metadata.yaml"))
                    .sorted()
                    .toList()) {
                String id = metadata.getFileName().toString().replace(".metadata.yaml", "");
                try (Stream<Path> siblings = Files.list(directory)) {
                    Path events = siblings.filter(
                                    f -> f.getFileName().toString().startsWith(id + "_")
                                            && f.getFileName().toString().endsWith(".jsonl"))
                            .findFirst()
                            .orElse(null);
                    if (events != null) {
                        datasets.add(read(id, metadata, events));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return datasets;
    }

    private static Dataset read(String id, Path metadata, Path events) throws IOException {
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(metadata));
        if (!(yaml instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(metadata + ": not a dataset description");
        }
        List<String> techniques = new ArrayList<>();
        if (map.get("attack_mappings") instanceof List<?> mappings) {
            for (Object m : mappings) {
                if (m instanceof Map<?, ?> mapping && mapping.get("technique") != null) {
                    Object sub = mapping.get("sub-technique");
                    String technique = String.valueOf(mapping.get("technique"));
                    techniques.add(sub == null ? technique : technique + "." + sub);
                }
            }
        }
        return new Dataset(id, String.valueOf(map.get("title")), techniques, events);
    }

    static Result evaluate(Dataset dataset, AlertParsing parsing, Triage triage) throws IOException {
        ParseOutcome outcome =
                parsing.parse(Files.readAllBytes(dataset.events()), SourceFormat.SYSMON, ParseContext.now());
        List<TriageCommand.TriagedAlert> alerts = TriageCommand.triageAll(triage, outcome.alerts(), false);
        Set<String> evidence = new LinkedHashSet<>();
        for (TriageCommand.TriagedAlert alert : alerts) {
            for (AlertTechnique technique : alert.triage().techniques()) {
                for (String label : dataset.techniques()) {
                    if (technique.id().equals(label) || technique.id().startsWith(label + ".")) {
                        evidence.add(technique.id() + " by " + technique.source() + ": " + technique.evidence());
                    }
                }
            }
        }
        return new Result(dataset, outcome.alerts().size(), alerts.size(), !evidence.isEmpty(), List.copyOf(evidence));
    }
}
