package dev.vigil.cli;

import dev.vigil.attack.DamageScores;
import dev.vigil.attack.InstalledCatalogue;
import dev.vigil.attack.TechniqueMapping;
import dev.vigil.triage.RiskModel;
import dev.vigil.triage.Triage;
import java.nio.file.Path;
import java.util.Map;

/**
 * Triage without the service: the catalogue in force for {@code VIGIL_DATA_DIR} (else the shipped one), the
 * shipped damage scores and the default risk model. Configuration files are not read offline.
 */
final class OfflineTriage {

    private OfflineTriage() {}

    static Triage create() {
        Path dataDir = Path.of(System.getenv().getOrDefault("VIGIL_DATA_DIR", "./data"));
        return new Triage(
                TechniqueMapping.over(InstalledCatalogue.load(dataDir)),
                DamageScores.shipped(Map.of()),
                RiskModel.defaults());
    }
}
