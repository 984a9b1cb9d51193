package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.attack.InstalledCatalogue;
import dev.vigil.attack.TechniqueId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackCommandTest {

    private final CommandRun vigil = new CommandRun();
    private final java.io.StringWriter out = vigil.out;
    private final java.io.StringWriter err = vigil.err;

    private int run(String... args) {
        return vigil.run(args);
    }

    @Test
    void installsANewerCatalogueThatThenReplacesTheShippedOne(@TempDir Path dataDir) throws Exception {
        Path bundle = Path.of("src/test/resources/attack/mini-bundle.json");
        assertThat(run("attack", "update", "--data-dir", dataDir.toString(), bundle.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("Installed 5 techniques (2 active)");
        var installed = InstalledCatalogue.load(dataDir);
        assertThat(installed.size()).isEqualTo(5);
        assertThat(installed.current(new TechniqueId("T1000")).orElseThrow().name())
                .isEqualTo("LSASS Memory");
    }

    @Test
    void refusesWhatIsNotABundleAndKeepsTheCatalogueInForce(@TempDir Path dataDir) throws Exception {
        Path notABundle = Files.writeString(
                dataDir.resolve("x.json"), "{\"type\": \"bundle\", \"objects\": [{\"type\": \"malware\"}]}");
        assertThat(run("attack", "update", "--data-dir", dataDir.toString(), notABundle.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("not a usable ATT&CK bundle");
        assertThat(Files.exists(InstalledCatalogue.location(dataDir))).isFalse();
        assertThat(InstalledCatalogue.load(dataDir).size())
                .as("the shipped catalogue stays in force")
                .isEqualTo(835);
        assertThat(run("attack", "update", "--data-dir", dataDir.toString(), "/no/such/bundle.json"))
                .isEqualTo(2);
    }
}
