package dev.vigil.cli;

import dev.vigil.attack.AttackCatalogue;
import dev.vigil.attack.InstalledCatalogue;
import dev.vigil.attack.Technique;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil attack update FILE}: installs the technique catalogue of a newer ATT&amp;CK STIX bundle. */
@Command(
        name = "attack",
        description = "The MITRE ATT&CK technique catalogue.",
        subcommands = AttackCommand.Update.class)
final class AttackCommand {

    @Command(
            name = "update",
            description = "Install the catalogue of an ATT&CK Enterprise STIX bundle (enterprise-attack.json).")
    static final class Update implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--data-dir",
                defaultValue = "${VIGIL_DATA_DIR:-./data}",
                description = "Vigil's data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Parameters(paramLabel = "FILE")
        Path bundle;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(bundle)) {
                spec.commandLine().getErr().println("vigil: " + bundle + ": no such file");
                return VigilCommandLine.INPUT_ERROR;
            }
            try {
                AttackCatalogue catalogue = InstalledCatalogue.install(bundle, dataDir);
                long active =
                        catalogue.all().stream().filter(Technique::isActive).count();
                spec.commandLine()
                        .getOut()
                        .printf(
                                "Installed %d techniques (%d active) from %s (%s) into %s; restart Vigil to use them.%n",
                                catalogue.size(),
                                active,
                                bundle,
                                catalogue.version(),
                                InstalledCatalogue.location(dataDir));
                return 0;
            } catch (NoSuchFileException e) {
                spec.commandLine().getErr().println("vigil: " + e.getFile() + ": no such file");
                return VigilCommandLine.INPUT_ERROR;
            } catch (IOException | RuntimeException e) {
                spec.commandLine()
                        .getErr()
                        .println("vigil: " + bundle + ": not a usable ATT&CK bundle: " + e.getMessage());
                return VigilCommandLine.INPUT_ERROR;
            }
        }
    }
}
