package dev.vigil.cli;

import dev.vigil.attack.DamageScores;
import dev.vigil.attack.DetectionRules;
import dev.vigil.attack.InstalledCatalogue;
import dev.vigil.attack.TechniqueMapping;
import dev.vigil.triage.RiskModel;
import dev.vigil.triage.Triage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Triage without the service: the catalogue in force for {@code VIGIL_DATA_DIR} (else the shipped one), the
 * shipped damage scores, the default risk model, and the built-in Sigma rules plus any {@code --rules}
 * directories. Configuration files are not read offline.
 */
final class OfflineTriage {

    private OfflineTriage() {}

    static Triage create(DetectionRules rules) {
        Path dataDir = Path.of(System.getenv().getOrDefault("VIGIL_DATA_DIR", "./data"));
        return new Triage(
                TechniqueMapping.over(InstalledCatalogue.load(dataDir)),
                rules,
                DamageScores.shipped(Map.of()),
                RiskModel.defaults(),
                Clock.systemUTC());
    }

    /** The built-in rules, unless {@code noBuiltin}, and those under the directories. */
    static DetectionRules rules(boolean noBuiltin, List<Path> directories) {
        return DetectionRules.load(!noBuiltin, directories);
    }
}
