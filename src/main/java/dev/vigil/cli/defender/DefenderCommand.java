package dev.vigil.cli.defender;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vigil defender …}: the Defender response toolkit from the shell, one sub-command per action. It calls a
 * running Vigil's API rather than Defender itself, so each call goes through Vigil's per-tenant token cache and
 * quotas, the action poller, approvals and the audit log, exactly as from the dashboard.
 */
@Command(
        name = "defender",
        description = {
            "Defender response through a running Vigil (--url / VIGIL_URL), with an API key (VIGIL_API_KEY or"
                    + " --api-key-file) and a tenant (--tenant / VIGIL_DEFENDER_TENANT).",
            "Exit codes: 0 done, 2 usage, 3 refused by Vigil or Defender (4xx), 4 Vigil failed or unreachable."
        },
        subcommands = {
            MachinesCommand.class,
            DeviceActionCommands.Isolate.class,
            DeviceActionCommands.Unisolate.class,
            DeviceActionCommands.Scan.class,
            DeviceActionCommands.Restrict.class,
            DeviceActionCommands.Unrestrict.class,
            DeviceActionCommands.Collect.class,
            DeviceActionCommands.Offboard.class,
            DeviceActionCommands.Quarantine.class,
            ActionsCommand.class,
            AlertsCommand.class,
            IndicatorsCommand.class,
            HuntCommand.class,
            IncidentsCommand.class,
            CustomRulesCommand.class,
            LiveCommand.class,
            ApprovalsCommand.class
        })
public final class DefenderCommand {

    @Mixin
    Options.Help help;

    /** Where {@code VIGIL_API_KEY} is read from; tests give their own. */
    Function<String, @Nullable String> environment = System::getenv;
}
