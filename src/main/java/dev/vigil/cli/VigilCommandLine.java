package dev.vigil.cli;

import dev.vigil.cli.defender.DefenderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command and its sub-commands; exit codes follow the documented contract. */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Self-hosted security operations: ingest, understand, triage, notify, respond.",
        subcommands = {
            ServeCommand.class,
            TriageCommand.class,
            ImportCommand.class,
            ApiKeyCommand.class,
            UsersCommand.class,
            AuditCommand.class,
            AttackCommand.class,
            RulesCommand.class,
            EvalCommand.class,
            PiiCommand.class,
            SummaryCommand.class,
            NotifyCommand.class,
            DefenderCommand.class
        })
public final class VigilCommandLine {

    /** Exit code for input that cannot be read or a command used wrongly. */
    public static final int INPUT_ERROR = 2;

    private VigilCommandLine() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with Vigil's error handling: messages, not stack traces, and exit code 2 for usage errors. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new VigilCommandLine());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("vigil: " + e.getMessage());
            return 1;
        });
        commandLine.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("vigil: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return INPUT_ERROR;
        });
        return commandLine;
    }
}
