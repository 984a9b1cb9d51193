package dev.vigil.cli;

import dev.vigil.alert.Entities;
import dev.vigil.cli.TriageCommand.TriagedFile;
import dev.vigil.ingest.Rejection;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON view of offline triage: one object per file with its alerts and rejections; {@code raised} counts
 * the alerts Sigma rules raised from the file's events.
 */
record TriageJson(
        String file, String format, long alerts, long events, long raised, List<Item> items, List<Rejection> rejected) {

    static TriageJson of(TriagedFile r) {
        return new TriageJson(
                r.file().toString(),
                r.outcome().format().id(),
                r.count(dev.vigil.alert.AlertKind.ALERT),
                r.count(dev.vigil.alert.AlertKind.EVENT),
                r.alerts().stream().filter(TriageCommand.TriagedAlert::raised).count(),
                r.alerts().stream()
                        .map(t -> new Item(
                                t.alert().id().toString(),
                                t.alert().kind().name(),
                                t.alert().source().id(),
                                t.alert().nativeId(),
                                t.alert().occurredAt(),
                                t.alert().title(),
                                t.alert().description(),
                                t.alert().severity().name(),
                                t.triage().riskScore(),
                                t.triage().riskClass().name(),
                                t.triage().queue().id(),
                                t.triage().factors(),
                                t.triage().damageScore(),
                                t.triage().techniques(),
                                t.alert().entities()))
                        .toList(),
                r.outcome().rejections());
    }

    /** One triaged alert. */
    record Item(
            String id,
            String kind,
            String source,
            @Nullable String nativeId,
            @Nullable Instant occurredAt,
            String title,
            @Nullable String description,
            String severity,
            int riskScore,
            String riskClass,
            String queue,
            List<String> factors,
            int damageScore,
            List<dev.vigil.alert.AlertTechnique> techniques,
            Entities entities) {}
}
