package dev.vigil.attack;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalogue in force, the damage scores with configured overrides (wrong overrides stop startup), and
 * the Sigma rules. A rule that cannot load is logged with its reason; the others load. A rule directory
 * that cannot be read stops startup, since running without the rules the operator asked for would be silent.
 */
@Configuration(proxyBeanMethods = false)
class AttackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AttackConfiguration.class);

    /** The data directory is where {@code vigil attack update} installs a newer catalogue. */
    @Bean
    AttackCatalogue attackCatalogue(@Value("${vigil.data-dir:./data}") Path dataDir) {
        return InstalledCatalogue.load(dataDir);
    }

    @Bean
    TechniqueMapping techniqueMapping(AttackCatalogue catalogue) {
        return TechniqueMapping.over(catalogue);
    }

    @Bean
    DetectionRules detectionRules(DetectionProperties properties) {
        DetectionRules rules = DetectionRules.load(properties.builtin(), properties.ruleDirs());
        long unrouted = rules.problems().stream().filter(RuleProblem::unrouted).count();
        for (RuleProblem problem : rules.problems()) {
            log.info("Sigma rule not loaded: {} ({}): {}", problem.source(), problem.title(), problem.reason());
        }
        log.info(
                "Loaded {} Sigma rules ({}built-in rules; directories {}); {} not loaded, {} of them for log sources"
                        + " Vigil does not receive",
                rules.size(),
                properties.builtin() ? "" : "no ",
                properties.ruleDirs(),
                rules.problems().size(),
                unrouted);
        return rules;
    }

    @Bean
    DamageScores damageScores(AttackProperties properties) {
        return DamageScores.shipped(properties.damageOverrides());
    }
}
