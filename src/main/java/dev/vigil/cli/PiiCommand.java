package dev.vigil.cli;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import dev.vigil.access.PiiField;
import dev.vigil.access.PiiVault;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil pii detokenise TOKEN...}: the values behind pseudonyms, read from the vault and audited. */
@Command(
        name = "pii",
        description = "The PII vault (uses the database of the Vigil on this data directory, or VIGIL_DB_URL).",
        subcommands = {PiiCommand.Detokenise.class})
final class PiiCommand {

    @Command(
            name = "detokenise",
            aliases = "detokenize",
            description = "Print the value behind each token, one 'TOKEN<TAB>value' line each; every look-up is"
                    + " audited as cli:<OS user>. Exit 1 when a token is unknown.")
    static final class Detokenise implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TOKEN", arity = "1..100", description = "Pseudonyms such as USER-7KQ3M2X4ZPBD9R1T.")
        List<String> tokens;

        @Override
        public Integer call() {
            for (String token : tokens) {
                if (!PiiField.isToken(token)) {
                    spec.commandLine().getErr().println("vigil: '" + token + "' is not a pseudonym");
                    return VigilCommandLine.INPUT_ERROR;
                }
            }
            String actor = "cli:" + System.getProperty("user.name", "unknown");
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            boolean allKnown = true;
            try (OfflineContext context = OfflineContext.open()) {
                PiiVault vault = context.bean(PiiVault.class);
                AuditLog audit = context.bean(AuditLog.class);
                for (String token : tokens) {
                    Optional<String> value;
                    try {
                        value = vault.detokenise(token);
                    } catch (RuntimeException e) {
                        audit.record(entry(actor, token, AuditOutcome.FAILURE, "mapping unreadable"));
                        throw e;
                    }
                    if (value.isPresent()) {
                        audit.record(entry(actor, token, AuditOutcome.SUCCESS, null));
                        out.println(token + "\t" + value.get());
                    } else {
                        audit.record(entry(actor, token, AuditOutcome.FAILURE, "unknown token"));
                        err.println("vigil: unknown token " + token);
                        allKnown = false;
                    }
                }
            } finally {
                out.flush();
                err.flush();
            }
            return allKnown ? 0 : 1;
        }

        private static AuditEntry entry(String actor, String token, AuditOutcome outcome, @Nullable String reason) {
            AuditEntry entry = AuditEntry.of(actor, "pii.detokenise", token, outcome);
            return reason == null ? entry : entry.withDetails(Map.of("reason", reason));
        }
    }
}
