package dev.vigil.cli.defender;

import dev.vigil.cli.VigilCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code vigil defender …} in-process as a user would, with its own environment, capturing both streams. */
final class Cli {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final Map<String, String> environment;

    Cli(Map<String, String> environment) {
        this.environment = environment;
    }

    int run(String... args) {
        CommandLine cli = VigilCommandLine.commandLine();
        ((DefenderCommand) cli.getSubcommands().get("defender").getCommand()).environment = environment::get;
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
