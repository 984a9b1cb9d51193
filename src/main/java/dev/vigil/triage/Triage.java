package dev.vigil.triage;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertTechnique;
import dev.vigil.alert.TriageResult;
import dev.vigil.attack.DamageScores;
import dev.vigil.attack.MappedTechnique;
import dev.vigil.attack.TechniqueMapping;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Triage of one alert: its ATT&amp;CK techniques, the damage the worst of them carries, and the risk score
 * with its reasons. Pure computation, so it runs inside the worker's transaction and offline alike.
 */
public final class Triage {

    private final TechniqueMapping mapping;
    private final DamageScores damageScores;
    private final RiskScoring scoring;

    public Triage(TechniqueMapping mapping, DamageScores damageScores, RiskModel model) {
        this.mapping = mapping;
        this.damageScores = damageScores;
        this.scoring = new RiskScoring(model);
    }

    public TriageResult triage(Alert alert) {
        List<MappedTechnique> techniques = mapping.map(alert);
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
                techniques.stream().map(Triage::recorded).toList());
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
