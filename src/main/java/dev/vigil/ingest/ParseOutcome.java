package dev.vigil.ingest;

import dev.vigil.alert.Alert;
import dev.vigil.alert.SourceFormat;
import java.util.List;

/** What one input yielded: its format, the alerts and context events parsed, and the records refused. */
public record ParseOutcome(SourceFormat format, List<Alert> alerts, List<Rejection> rejections) {

    public ParseOutcome {
        alerts = List.copyOf(alerts);
        rejections = List.copyOf(rejections);
    }
}
