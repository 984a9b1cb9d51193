package dev.vigil.alert;

import java.util.List;

/**
 * What triage concluded about an alert: its risk score (0-200), class, the queue it belongs to, and the
 * factors that produced the score, worded for analysts ("severity HIGH: base 70").
 */
public record TriageResult(int riskScore, RiskClass riskClass, Queue queue, List<String> factors) {

    public static final int MAX_RISK = 200;

    public TriageResult {
        if (riskScore < 0 || riskScore > MAX_RISK) {
            throw new IllegalArgumentException("risk score must be within 0-200: " + riskScore);
        }
        factors = List.copyOf(factors);
    }
}
