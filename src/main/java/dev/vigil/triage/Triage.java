package dev.vigil.triage;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertTechnique;
import dev.vigil.alert.TriageResult;
import dev.vigil.attack.DamageScores;
import dev.vigil.attack.Detection;
import dev.vigil.attack.DetectionRules;
import dev.vigil.attack.MappedTechnique;
import dev.vigil.attack.TechniqueMapping;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Triage of one alert: the Sigma rules that match it, its ATT&amp;CK techniques, the damage the worst of them
 * carries, and the risk score with its reasons. A context event that rules match raises a new alert (see
 * {@link DetectionAlerts}). Pure computation, so it runs inside the worker's transaction and offline alike.
 */
public final class Triage {

    private final TechniqueMapping mapping;
    private final DetectionRules rules;
    private final DamageScores damageScores;
    private final RiskScoring scoring;
    private final Clock clock;

    public Triage(
            TechniqueMapping mapping, DetectionRules rules, DamageScores damageScores, RiskModel model, Clock clock) {
        this.mapping = mapping;
        this.rules = rules;
        this.damageScores = damageScores;
        this.scoring = new RiskScoring(model);
        this.clock = clock;
    }

    public TriageResult triage(Alert alert) {
        List<Detection> detections = rules.detect(alert);
        List<Alert> raised = alert.kind() == AlertKind.EVENT && !detections.isEmpty()
                ? List.of(DetectionAlerts.raise(alert, detections, clock.instant()))
                : List.of();
        List<MappedTechnique> techniques = mapping.map(alert, detections);
        RiskScoring.Damage damage = techniques.stream()
                .map(t -> {
                    DamageScores.Damage d = damageScores.of(t.technique());
                    return new RiskScoring.Damage(
                            d.score(),
                            "damage " + d.score() + ": " + t.technique().id() + " "
                                    + t.technique().name() + " (" + d.reason() + ")");
                })
                .max(Comparator.comparingInt(RiskScoring.Damage::score))
                .orElse(new RiskScoring.Damage(0, "damage 0: no ATT&CK technique identified"));
        RiskScoring.Score score = scoring.score(alert, damage);
        return new TriageResult(
                score.risk(),
                score.riskClass(),
                score.queue(),
                score.factors(),
                damage.score(),
                techniques.stream().map(Triage::recorded).toList(),
                raised);
    }

    private static AlertTechnique recorded(MappedTechnique m) {
        return new AlertTechnique(
                m.technique().id().value(),
                m.technique().id().parent().value(),
                m.technique().name(),
                m.technique().tactics(),
                m.source().name().toLowerCase(Locale.ROOT),
                m.confidence(),
                m.evidence());
    }
}
