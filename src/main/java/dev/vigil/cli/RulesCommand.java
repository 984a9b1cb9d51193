package dev.vigil.cli;

import dev.vigil.attack.DetectionRules;
import dev.vigil.attack.RuleProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil rules check [DIR...]}: which Sigma rules load, and why the others do not. */
@Command(name = "rules", description = "Sigma detection rules.", subcommands = RulesCommand.Check.class)
final class RulesCommand {

    /** Exit status when some rule is broken or unsupported (not merely for a log source Vigil lacks). */
    static final int RULES_REFUSED = 1;

    @Command(
            name = "check",
            description = {
                "Load Sigma rules as Vigil would and list those that do not load, with the reason.",
                "Without DIR, checks the built-in rules. Exit 0 when every rule loads or lacks only a log source"
                        + " Vigil receives, 1 when some rule is refused, 2 when a directory cannot be read."
            })
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..*", description = "Rule directories, read recursively.")
        List<Path> directories = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DetectionRules rules;
            try {
                rules = DetectionRules.load(directories.isEmpty(), directories);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("vigil: " + e.getMessage());
                return VigilCommandLine.INPUT_ERROR;
            }
            List<RuleProblem> unrouted =
                    rules.problems().stream().filter(RuleProblem::unrouted).toList();
            List<RuleProblem> refused =
                    rules.problems().stream().filter(p -> !p.unrouted()).toList();
            out.printf(
                    "%d rules loaded, %d refused, %d for log sources Vigil does not receive yet.%n",
                    rules.size(), refused.size(), unrouted.size());
            print(out, "Refused", refused);
            print(out, "Unrouted (valid, but no events from their log source)", unrouted);
            out.flush();
            return refused.isEmpty() ? 0 : RULES_REFUSED;
        }

        private static void print(PrintWriter out, String heading, List<RuleProblem> problems) {
            if (problems.isEmpty()) {
                return;
            }
            out.println();
            out.println(heading + ":");
            for (RuleProblem p : problems) {
                out.println("  " + p.source() + (p.title() == null ? "" : " (" + p.title() + ")"));
                out.println("    " + p.reason());
            }
        }
    }
}
