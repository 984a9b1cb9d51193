package dev.vigil.cli.defender;

import static dev.vigil.cli.defender.VigilApi.path;
import static dev.vigil.cli.defender.VigilApi.query;

import dev.vigil.cli.defender.Output.Column;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil defender machines list|get|users}: Defender's devices. */
@Command(
        name = "machines",
        description = "Defender's devices.",
        subcommands = {MachinesCommand.ListMachines.class, MachinesCommand.Get.class, MachinesCommand.Users.class})
final class MachinesCommand {

    @Mixin
    Options.Help help;

    static final List<Column> COLUMNS = List.of(
            Column.of("ID", "id"),
            Column.of("NAME", "computerDnsName"),
            Column.of("OS", "osPlatform"),
            Column.of("HEALTH", "healthStatus"),
            Column.of("RISK", "riskScore"),
            Column.of("LAST IP", "lastIpAddress"),
            Column.of("LAST SEEN", "lastSeen"));

    @Command(name = "list", description = "List devices: all, or by OData filter, name prefix or IP.")
    static final class ListMachines extends DefenderCall {

        @ArgGroup
        @Nullable
        Which which;

        static final class Which {
            @Option(names = "--filter", description = "OData filter, e.g. \"healthStatus eq 'Active'\".")
            @Nullable
            String filter;

            @Option(names = "--name", description = "Devices whose DNS name starts with this.")
            @Nullable
            String name;

            @Option(names = "--ip", description = "Devices seen with this IP address.")
            @Nullable
            String ip;
        }

        @Mixin
        Options.Top top;

        @Override
        int run(VigilApi api, Output out) {
            Which w = which == null ? new Which() : which;
            var answer =
                    api.get("/machines", query("filter", w.filter, "name", w.name, "ip", w.ip, "top", top.value()));
            out.table(answer.body(), "No devices.", COLUMNS);
            return 0;
        }
    }

    @Command(name = "get", description = "One device.")
    static final class Get extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The device's Defender id.")
        String id;

        @Override
        int run(VigilApi api, Output out) {
            out.fields(api.get(path("machines", id)).body());
            return 0;
        }
    }

    @Command(name = "users", description = "Users who logged on to a device.")
    static final class Users extends DefenderCall {
        @Parameters(paramLabel = "ID", description = "The device's Defender id.")
        String id;

        @Override
        int run(VigilApi api, Output out) {
            out.table(
                    api.get(path("machines", id, "logonusers")).body(),
                    "No logons.",
                    List.of(
                            new Column(
                                    "ACCOUNT",
                                    u -> (u.path("accountDomain").isString()
                                                    ? u.path("accountDomain").asString() + "\\"
                                                    : "")
                                            + u.path("accountName").asString("")),
                            Column.of("LOGON TYPES", "logonTypes"),
                            Column.of("DOMAIN ADMIN", "isDomainAdmin"),
                            Column.of("FIRST SEEN", "firstSeen"),
                            Column.of("LAST SEEN", "lastSeen")));
            return 0;
        }
    }

    private MachinesCommand() {}
}
