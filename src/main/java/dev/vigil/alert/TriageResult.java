package dev.vigil.alert;

import java.util.List;

/**
 * What triage concluded about an alert: its risk score (0-200), class, the queue it belongs to, the factors
 * that produced the score, worded for analysts ("privileged user SYSTEM ×1.3"), its ATT&amp;CK techniques and
 * the damage score (0-100) they carry. {@code raised} are the new alerts a context event gave rise to (a
 * Sigma rule matched it); they are stored and triaged in their own right.
 */
public record TriageResult(
        int riskScore,
        RiskClass riskClass,
        Queue queue,
        List<String> factors,
        int damageScore,
        List<AlertTechnique> techniques,
        List<Alert> raised) {

    public static final int MAX_RISK = 200;

    public TriageResult {
        if (riskScore < 0 || riskScore > MAX_RISK) {
            throw new IllegalArgumentException("risk score must be within 0-200: " + riskScore);
        }
        if (damageScore < 0 || damageScore > 100) {
            throw new IllegalArgumentException("damage score must be within 0-100: " + damageScore);
        }
        factors = List.copyOf(factors);
        techniques = List.copyOf(techniques);
        raised = List.copyOf(raised);
    }

    /** A result that raises no new alert. */
    public TriageResult(
            int riskScore,
            RiskClass riskClass,
            Queue queue,
            List<String> factors,
            int damageScore,
            List<AlertTechnique> techniques) {
        this(riskScore, riskClass, queue, factors, damageScore, techniques, List.of());
    }
}
