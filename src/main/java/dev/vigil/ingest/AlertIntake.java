package dev.vigil.ingest;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.AlertsAccepted;
import dev.vigil.alert.SourceFormat;
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

    private static boolean isBlank(byte[] input) {
        for (byte b : input) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
