package dev.vigil.cli;

import dev.vigil.access.Actor;
import dev.vigil.notify.SlackDelivery;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil notify dead|replay}: the Slack messages refused for good, and sending them again once the
 * cause (a channel the bot is not in, a revoked token) is fixed. Replays are audited as {@code cli:<OS user>}.
 */
@Command(
        name = "notify",
        description = "Slack delivery (uses the database of the Vigil on this data directory, or VIGIL_DB_URL).",
        subcommands = {NotifyCommand.Dead.class, NotifyCommand.Replay.class})
final class NotifyCommand {

    @Command(name = "dead", description = "List dead letters: messages Slack refused, with its reason.")
    static final class Dead implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default 100).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1) {
                spec.commandLine().getErr().println("vigil: --limit must be at least 1");
                return VigilCommandLine.INPUT_ERROR;
            }
            return AdminRun.run(spec, context -> {
                PrintWriter out = spec.commandLine().getOut();
                List<SlackDelivery.DeadLetter> dead =
                        context.bean(SlackDelivery.class).deadLetters(limit);
                if (dead.isEmpty()) {
                    out.println("No dead letters.");
                    return;
                }
                out.printf(
                        "%-6s  %-20s  %-14s  %-10s  %-36s  %-8s  %s%n",
                        "ID", "FAILED", "CHANNEL", "KIND", "ALERT", "TRIES", "REASON");
                for (SlackDelivery.DeadLetter d : dead) {
                    out.printf(
                            "%-6d  %-20s  %-14s  %-10s  %-36s  %-8d  %s%n",
                            d.id(),
                            d.failedAt().toString().substring(0, 19) + "Z",
                            d.channel(),
                            d.kind(),
                            d.alertId() == null ? "" : d.alertId(),
                            d.attempts(),
                            d.reason());
                }
            });
        }
    }

    @Command(name = "replay", description = "Send dead letters again, in their channel's order.")
    static final class Replay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Parameters(paramLabel = "ID", arity = "1..*", description = "Dead letter ids (from 'notify dead').")
            List<Long> ids;

            @Option(names = "--all", required = true, description = "Every dead letter not replayed yet.")
            boolean all;
        }

        @Override
        public Integer call() {
            return AdminRun.run(spec, context -> {
                SlackDelivery delivery = context.bean(SlackDelivery.class);
                String actor = Actor.commandLine().name();
                List<Long> replayed = which.all ? delivery.replayAll(actor) : delivery.replay(which.ids, actor);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Replayed " + replayed.size() + " dead letter(s)"
                        + (replayed.isEmpty() ? "" : ": " + replayed));
                if (!which.all && replayed.size() < which.ids.size()) {
                    List<Long> missing = which.ids.stream()
                            .filter(id -> !replayed.contains(id))
                            .toList();
                    throw new IllegalArgumentException("no dead letter waits for a replay with id(s) " + missing);
                }
            });
        }
    }
}
