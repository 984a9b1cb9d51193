package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.attack.InstalledCatalogue;
import dev.vigil.attack.TechniqueId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AttackCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = VigilCommandLine.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
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
