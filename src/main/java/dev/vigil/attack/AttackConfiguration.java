package dev.vigil.attack;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalogue in force and the damage scores, with configured overrides; wrong overrides stop startup. */
@Configuration(proxyBeanMethods = false)
class AttackConfiguration {

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
    DamageScores damageScores(AttackProperties properties) {
        return DamageScores.shipped(properties.damageOverrides());
    }
}
