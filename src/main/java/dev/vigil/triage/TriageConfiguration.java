package dev.vigil.triage;

import dev.vigil.attack.DamageScores;
import dev.vigil.attack.DetectionRules;
import dev.vigil.attack.TechniqueMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Triage as the workers run it, with the configured risk model. */
@Configuration(proxyBeanMethods = false)
class TriageConfiguration {

    @Bean
    Triage triage(TechniqueMapping mapping, DetectionRules rules, DamageScores damageScores, RiskModel model) {
        return new Triage(mapping, rules, damageScores, model, java.time.Clock.systemUTC());
    }
}
