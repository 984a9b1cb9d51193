package dev.vigil.ingest;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertRevision;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.AlertsAccepted;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.StoredRevisions;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Accepts sensor input: parses it and stores what is usable in one transaction. A caller is told an alert
 * was accepted only after it is committed; a record that is refused never touches what is stored.
 */
@Service
public class AlertIntake {

    private final AlertParsing parsing;
    private final AlertStore store;
    private final ApplicationEventPublisher events;
    private final AtRestPseudonymisation atRest;

    AlertIntake(
            AlertParsing parsing, AlertStore store, ApplicationEventPublisher events, AtRestPseudonymisation atRest) {
        this.parsing = parsing;
        this.store = store;
        this.events = events;
        this.atRest = atRest;
    }

    /**
     * @param format the format to use, or {@code null} to detect it
     * @throws NothingUsable when no record of the input could be used
     * @throws UnknownFormat when the format was not given and cannot be detected
     */
    public IntakeResult accept(byte[] input, @Nullable SourceFormat format, ParseContext context) {
        if (isBlank(input)) {
            throw NothingUsable.emptyInput();
        }
        ParseOutcome outcome = parsing.parse(input, format, context);
        if (outcome.alerts().isEmpty()) {
            throw NothingUsable.in(outcome.rejections());
        }
        store.append(atRest.apply(outcome.alerts()));
        events.publishEvent(new AlertsAccepted(outcome.alerts().size()));
        return new IntakeResult(
                outcome.alerts().size(),
                outcome.alerts().stream().map(Alert::id).toList(),
                outcome.rejections());
    }

    /**
     * Accepts records from a source that sends its alerts again when they change: each is parsed as {@code
     * format}, pseudonymised like any alert, and stored with {@link dev.vigil.alert.AlertStore#appendOrRevise}, all
     * in one transaction (the caller's, if it has one). New alerts are queued for triage; a newer version of an
     * alert Vigil has updates it and keeps its triage, so it is neither triaged nor announced again. A record
     * that yields no alert is refused without failing the others.
     */
    public RevisionResult acceptRevisions(List<RevisedRecord> records, SourceFormat format, ParseContext context) {
        List<AlertRevision> revisions = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RevisedRecord record = records.get(i);
            ParseOutcome outcome = isBlank(record.text())
                    ? new ParseOutcome(format, List.of(), List.of(new Rejection(0, null, "empty record")))
                    : parsing.parse(record.text(), format, context);
            for (Alert alert : atRest.apply(outcome.alerts())) {
                revisions.add(new AlertRevision(alert, record.revisedAt()));
            }
            if (outcome.alerts().isEmpty()) {
                String why = outcome.rejections().isEmpty()
                        ? "no alert in the record"
                        : outcome.rejections().get(0).error();
                rejected.add(new Rejection(i, null, why));
            }
        }
        StoredRevisions stored =
                revisions.isEmpty() ? new StoredRevisions(List.of(), List.of(), 0) : store.appendOrRevise(revisions);
        if (!stored.added().isEmpty()) {
            events.publishEvent(new AlertsAccepted(stored.added().size()));
        }
        return new RevisionResult(stored.added(), stored.revised(), stored.unchanged(), rejected);
    }

    private static boolean isBlank(byte[] input) {
        for (byte b : input) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
