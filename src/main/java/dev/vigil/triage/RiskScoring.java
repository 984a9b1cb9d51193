package dev.vigil.triage;

import dev.vigil.alert.Alert;
import dev.vigil.alert.Queue;
import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import dev.vigil.alert.TriageResult;
import java.util.List;

/**
 * Scores an alert. At this stage the score is the severity base alone; ATT&amp;CK damage and context
 * multipliers are added by detection. Bases, class thresholds and queue routing follow the architecture's
 * risk model.
 */
public final class RiskScoring {

    /** Risk at or above which an alert is worked from the priority queue. */
    static final int PRIORITY_RISK = 100;

    public TriageResult score(Alert alert) {
        int base = base(alert.severity());
        int risk = Math.min(TriageResult.MAX_RISK, base);
        String factor = "severity " + alert.severity().name() + ": base " + base;
        return new TriageResult(
                risk, classOf(risk), risk >= PRIORITY_RISK ? Queue.PRIORITY : Queue.STANDARD, List.of(factor));
    }

    static int base(Severity severity) {
        return switch (severity) {
            case INFO -> 0;
            case LOW -> 20;
            case MEDIUM -> 40;
            case HIGH -> 70;
            case CRITICAL -> 100;
        };
    }

    static RiskClass classOf(int risk) {
        if (risk >= 150) {
            return RiskClass.CRITICAL;
        }
        if (risk >= 100) {
            return RiskClass.HIGH;
        }
        return risk >= 50 ? RiskClass.MEDIUM : RiskClass.LOW;
    }
}
