package dev.vigil.cli.defender;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vigil defender alerts poller}: how polling the tenant's Defender alerts into Vigil stands. */
@Command(
        name = "alerts",
        description = "Defender alerts as a source of Vigil's alerts.",
        subcommands = {AlertsCommand.Poller.class})
final class AlertsCommand {

    @Mixin
    Options.Help help;

    @Command(
            name = "poller",
            description = "The alert poller: last poll, watermark, last error and counts (Vigil's records only).")
    static final class Poller extends DefenderCall {
        @Override
        int run(VigilApi api, Output out) {
            out.fields(api.get("/alerts/poller").body());
            return 0;
        }
    }

    private AlertsCommand() {}
}
