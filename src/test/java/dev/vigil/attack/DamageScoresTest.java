package dev.vigil.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DamageScoresTest {

    @Test
    void scoresAtLeast150CurrentTechniquesWithReasonsAndEveryTacticHasADefault() throws Exception {
        DamageScores scores = DamageScores.shipped(Map.of());
        AttackCatalogue catalogue = InstalledCatalogue.shipped();
        assertThat(scores.explicitCount()).isGreaterThanOrEqualTo(150);
        for (Technique technique : catalogue.all()) {
            scores.explicit(technique.id()).ifPresent(damage -> {
                assertThat(technique.isActive())
                        .as("%s is scored but retired", technique.id())
                        .isTrue();
                assertThat(damage.reason()).as("reason for %s", technique.id()).isNotBlank();
            });
        }
        long known = catalogue.all().stream()
                .filter(t -> scores.explicit(t.id()).isPresent())
                .count();
        assertThat(known).as("every scored id is in the catalogue").isEqualTo(scores.explicitCount());
        ShippedCatalogueTest.TACTICS.forEach(
                t -> assertThat(scores.tacticDefault(t)).as("default for %s", t).isPresent());
    }

    @Test
    void ranksCredentialDumpingAndRansomwareAboveDiscovery() {
        DamageScores scores = DamageScores.shipped(Map.of());
        int lsass = scores.explicit(new TechniqueId("T1003.001")).orElseThrow().score();
        int encryption = scores.explicit(new TechniqueId("T1486")).orElseThrow().score();
        int systemInfo = scores.explicit(new TechniqueId("T1082")).orElseThrow().score();
        assertThat(lsass).isGreaterThanOrEqualTo(70);
        assertThat(encryption).isGreaterThanOrEqualTo(70);
        assertThat(systemInfo).isLessThan(40);
    }

    @Test
    void fallsBackToTheParentThenToTheTacticDefault() throws Exception {
        String table =
                "[tactic]\tdiscovery\t20\tmaps the network\n[tactic]\timpact\t80\tbreaks things\nT1003\t90\tdumps secrets\n";
        DamageScores scores =
                DamageScores.read(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)), Map.of());
        assertThat(scores.of(technique("T1003.008", "credential-access")))
                .isEqualTo(new DamageScores.Damage(90, "dumps secrets (as T1003)"));
        assertThat(scores.of(technique("T1490", "impact", "discovery")).score()).isEqualTo(80);
        assertThat(scores.of(technique("T1490", "impact", "discovery")).reason())
                .startsWith("default for impact");
        assertThat(scores.of(technique("T1595", "reconnaissance")).score()).isZero();
    }

    @Test
    void configurationOverridesTechniquesAndTacticsAndRefusesUnknownKeys() {
        DamageScores scores = DamageScores.shipped(Map.of("T1082", 55, "discovery", 35));
        assertThat(scores.explicit(new TechniqueId("T1082")).orElseThrow().score())
                .isEqualTo(55);
        assertThat(scores.of(technique("T1999", "discovery")).score()).isEqualTo(35);
        assertThatThrownBy(() -> DamageScores.shipped(Map.of("lunch", 10))).hasMessageContaining("'lunch'");
        assertThatThrownBy(() -> DamageScores.shipped(Map.of("T1082", 101))).hasMessageContaining("0-100");
    }

    private static Technique technique(String id, String... tactics) {
        return new Technique(new TechniqueId(id), "t", List.of(tactics), Technique.Status.ACTIVE, null);
    }
}
