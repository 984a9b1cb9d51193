package dev.vigil.cli;

import dev.vigil.access.ApiKeyNotFound;
import dev.vigil.access.UserNotFound;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs an administrative command against Vigil's database: refused input (a weak password, an unknown user)
 * is reported in one line with exit code 2, as for any other usage error.
 */
final class AdminRun {

    private AdminRun() {}

    static int run(CommandSpec spec, Consumer<OfflineContext> command) {
        try (OfflineContext context = OfflineContext.open()) {
            command.accept(context);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException | UserNotFound | ApiKeyNotFound e) {
            spec.commandLine().getErr().println("vigil: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return VigilCommandLine.INPUT_ERROR;
        }
    }
}
