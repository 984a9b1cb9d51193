package dev.vigil.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.attack.catalogue.CatalogueFile;
import dev.vigil.attack.catalogue.StixBundle;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AttackCatalogueTest {

    private static AttackCatalogue mini() throws Exception {
        try (InputStream in = AttackCatalogueTest.class.getResourceAsStream("/attack/mini-bundle.json")) {
            return StixBundle.read(in);
        }
    }

    @Test
    void readsTechniquesWithTheirTacticsFromAStixBundle() throws Exception {
        AttackCatalogue catalogue = mini();
        assertThat(catalogue.size())
                .as("the CAPEC pattern is not an ATT&CK technique")
                .isEqualTo(5);
        Technique lsass = catalogue.find(new TechniqueId("T1003.001")).orElseThrow();
        assertThat(lsass.name()).isEqualTo("LSASS Memory");
        assertThat(lsass.tactics()).containsExactly("credential-access");
        assertThat(lsass.isActive()).isTrue();
        assertThat(catalogue.version()).isEqualTo("ATT&CK content modified 2025-03-04");
    }

    @Test
    void leadsRevokedAndDeprecatedIdsToWhatReplacedThem() throws Exception {
        AttackCatalogue catalogue = mini();
        assertThat(catalogue.find(new TechniqueId("T1000")).orElseThrow().status())
                .isEqualTo(Technique.Status.REVOKED);
        assertThat(catalogue.current(new TechniqueId("T1000")).orElseThrow().id())
                .isEqualTo(new TechniqueId("T1003.001"));
        assertThat(catalogue.current(new TechniqueId("T1001")).orElseThrow().id())
                .isEqualTo(new TechniqueId("T1003"));
        assertThat(catalogue.current(new TechniqueId("T1002")))
                .as("retired without a successor")
                .isEmpty();
        assertThat(catalogue.current(new TechniqueId("T9999"))).isEmpty();
    }

    @Test
    void survivesAReplacementCycleInAMalformedBundle() {
        AttackCatalogue cyclic = new AttackCatalogue(
                "x",
                java.util.List.of(
                        new Technique(
                                new TechniqueId("T1100"),
                                "a",
                                java.util.List.of(),
                                Technique.Status.REVOKED,
                                new TechniqueId("T1101")),
                        new Technique(
                                new TechniqueId("T1101"),
                                "b",
                                java.util.List.of(),
                                Technique.Status.REVOKED,
                                new TechniqueId("T1100"))));
        assertThat(cyclic.current(new TechniqueId("T1100"))).isEmpty();
    }

    @Test
    void writesAndReadsTheCompactCatalogueWithoutLoss() throws Exception {
        AttackCatalogue catalogue = mini();
        StringWriter out = new StringWriter();
        CatalogueFile.write(catalogue, out);
        assertThat(out.toString())
                .contains("The MITRE Corporation")
                .contains("T1000\tCredential Dumping\t\trevoked\tT1003.001");
        AttackCatalogue again =
                CatalogueFile.read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(again.all()).isEqualTo(catalogue.all());
        assertThat(again.version()).isEqualTo(catalogue.version());
    }

    @Test
    void refusesInputThatIsNotABundleOrACatalogue() {
        assertThatThrownBy(() -> StixBundle.read(
                        new ByteArrayInputStream("{\"type\":\"bundle\"}".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("objects");
        assertThatThrownBy(() ->
                        StixBundle.read(new ByteArrayInputStream("{\"objects\":[]}".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("no ATT&CK techniques");
        assertThatThrownBy(() ->
                        CatalogueFile.read(new ByteArrayInputStream("T1003\tx\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("line 1");
    }

    @Test
    void parsesTheIdSpellingsSourcesUse() {
        assertThat(TechniqueId.parse(" t1059/001 ")).contains(new TechniqueId("T1059.001"));
        assertThat(TechniqueId.parse("T1059.001").orElseThrow().parent()).isEqualTo(new TechniqueId("T1059"));
        assertThat(TechniqueId.parse("TA0006")).isEmpty();
        assertThatThrownBy(() -> new TechniqueId("T12")).isInstanceOf(IllegalArgumentException.class);
    }
}
