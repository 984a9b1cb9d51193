package dev.vigil.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.attack.catalogue.StixBundle;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue in the jar is exactly what MITRE's v18.1 bundle yields, and holds the facts Vigil relies on. */
class ShippedCatalogueTest {

    /** The 14 Enterprise tactics by short name. */
    static final Set<String> TACTICS = Set.of(
            "reconnaissance",
            "resource-development",
            "initial-access",
            "execution",
            "persistence",
            "privilege-escalation",
            "defense-evasion",
            "credential-access",
            "discovery",
            "lateral-movement",
            "collection",
            "command-and-control",
            "exfiltration",
            "impact");

    @Test
    void isWhatTheSharedBundleYields() throws Exception {
        Path bundle = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "attack", "enterprise-attack.json");
        assumeTrue(Files.isRegularFile(bundle), "ATT&CK bundle missing: " + bundle.toAbsolutePath() + " (skipping)");
        AttackCatalogue generated;
        try (InputStream in = Files.newInputStream(bundle)) {
            generated = StixBundle.read(in);
        }
        AttackCatalogue shipped = InstalledCatalogue.shipped();
        assertThat(shipped.all()).isEqualTo(generated.all());
        assertThat(shipped.version()).isEqualTo(generated.version());
    }

    @Test
    void holdsEveryEnterpriseTechniqueAndResolvesDefendersRetiredIds() throws Exception {
        AttackCatalogue catalogue = InstalledCatalogue.shipped();
        assertThat(catalogue.size()).isEqualTo(835);
        assertThat(catalogue.all().stream().filter(Technique::isActive).count()).isEqualTo(691);
        // Defender's own examples still tag alerts with these retired ids.
        assertThat(catalogue.current(new TechniqueId("T1085")).orElseThrow().id())
                .isEqualTo(new TechniqueId("T1218.011"));
        assertThat(catalogue.current(new TechniqueId("T1064")).orElseThrow().id())
                .isEqualTo(new TechniqueId("T1059"));
        for (Technique t : catalogue.all()) {
            if (t.isActive()) {
                assertThat(TACTICS).as("tactics of %s", t.id()).containsAll(t.tactics());
                assertThat(t.tactics()).as("tactics of %s", t.id()).isNotEmpty();
                assertThat(catalogue.find(t.id().parent()))
                        .as("parent of %s", t.id())
                        .isPresent();
            }
        }
    }
}
