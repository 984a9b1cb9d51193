package dev.vigil.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertTechnique;
import dev.vigil.alert.Entities;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.TriageResult;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An alert as the API shows it. The list shows a summary; one alert shows everything, including the raw
 * record and the slots later stages fill (techniques, similar incidents, AI verdict, response actions).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
record AlertView(
        String id,
        String kind,
        String source,
        @Nullable String nativeId,
        @Nullable String tenant,
        Instant receivedAt,
        @Nullable Instant occurredAt,
        String title,
        @Nullable String description,
        String severity,
        @Nullable String nativeSeverity,
        @Nullable String category,
        String status,
        String queue,
        @Nullable Integer riskScore,
        @Nullable String riskClass,
        @Nullable Integer damageScore,
        @Nullable List<String> scoreFactors,
        @Nullable Instant triagedAt,
        @Nullable Entities entities,
        @Nullable List<AlertTechnique> techniques,
        @Nullable List<Object> similarIncidents,
        @Nullable Object aiVerdict,
        @Nullable List<Object> actions,
        @Nullable String raw,
        @Nullable String assignee,
        @Nullable Instant acknowledgedAt) {

    static AlertView summary(StoredAlert stored) {
        return of(stored, false);
    }

    static AlertView full(StoredAlert stored) {
        return of(stored, true);
    }

    private static AlertView of(StoredAlert stored, boolean full) {
        Alert a = stored.alert();
        TriageResult t = stored.triage();
        return new AlertView(
                a.id().toString(),
                a.kind().name(),
                a.source().id(),
                a.nativeId(),
                a.tenant(),
                a.receivedAt(),
                a.occurredAt(),
                a.title(),
                full ? a.description() : null,
                a.severity().name(),
                a.nativeSeverity(),
                a.category(),
                stored.status().name(),
                stored.queue().id(),
                t == null ? null : t.riskScore(),
                t == null ? null : t.riskClass().name(),
                t == null ? null : t.damageScore(),
                t == null ? null : t.factors(),
                stored.triagedAt(),
                full ? a.entities() : null,
                t == null ? (full ? List.of() : null) : t.techniques(),
                full ? List.of() : null,
                null,
                full ? List.of() : null,
                full ? a.raw() : null,
                stored.assignee(),
                stored.acknowledgedAt());
    }
}
