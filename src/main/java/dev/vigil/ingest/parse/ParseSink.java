package dev.vigil.ingest.parse;

import dev.vigil.alert.Alert;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseOutcome;
import dev.vigil.ingest.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collects what a parser yields from one input. */
public final class ParseSink {

    private final List<Alert> alerts = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    public void accept(Alert alert) {
        alerts.add(alert);
    }

    public void reject(int index, @Nullable Integer line, String error) {
        rejections.add(new Rejection(index, line, error));
    }

    ParseOutcome outcome(SourceFormat format) {
        return new ParseOutcome(format, alerts, rejections);
    }
}
