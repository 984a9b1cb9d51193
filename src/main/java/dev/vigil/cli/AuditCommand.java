package dev.vigil.cli;

import dev.vigil.access.AuditChain;
import dev.vigil.access.AuditChainProblem;
import dev.vigil.access.AuditHead;
import dev.vigil.access.AuditVerification;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil audit verify}: checks the audit log's hash chain in Vigil's database. */
@Command(
        name = "audit",
        description =
                "The tamper-evident audit log (uses the database of the Vigil on this data directory, or VIGIL_DB_URL).",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand {

    /** Exit code when the chain is broken: a row was edited, deleted or reordered. */
    static final int TAMPERED = 1;
    /** The chain is intact, but the expected head asked for could not be checked. */
    static final int UNCHECKED = 3;

    @Command(
            name = "verify",
            description = "Check every row's hash chain; exit 0 intact, 1 tampered (the first broken row is named), "
                    + "2 cannot check.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--expect-head",
                paramLabel = "SEQ:HASH",
                description = "A head printed by an earlier verify: the chain must still hold that row with that "
                        + "hash (detects deleted newest rows and a rewritten chain).")
        @Nullable
        String expectHead;

        @Override
        public Integer call() {
            AuditHead expected = null;
            if (expectHead != null) {
                expected = AuditHead.parse(expectHead).orElse(null);
                if (expected == null) {
                    spec.commandLine()
                            .getErr()
                            .println("vigil: --expect-head wants SEQ:HASH (64 hex digits), as verify prints it");
                    return VigilCommandLine.INPUT_ERROR;
                }
            }
            AuditVerification result;
            try (OfflineContext context = OfflineContext.open()) {
                result = context.bean(AuditChain.class).verify(expected);
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("vigil: cannot check the audit log: " + rootMessage(e));
                return VigilCommandLine.INPUT_ERROR;
            }
            PrintWriter out = spec.commandLine().getOut();
            AuditChainProblem problem = result.problem();
            String from =
                    result.startSeq() > 1 ? " (from seq " + result.startSeq() + ", after the retention anchor)" : "";
            if (problem == null) {
                out.println("Audit log intact: " + result.rowsChecked() + " rows checked" + from + ".");
                if (result.head() != null) {
                    out.println("Head: " + result.head() + "  (keep it outside the database; check it later with "
                            + "--expect-head)");
                }
                if (result.expectedHeadPruned()) {
                    out.println("The expected head (seq " + expected.seq() + ") is in rows retention has deleted"
                            + " and could not be checked: keep a newer head.");
                    out.flush();
                    return UNCHECKED;
                }
                out.flush();
                return 0;
            }
            out.println("Audit log TAMPERED: " + problem.describe());
            out.println(result.rowsChecked() + " rows verified before it" + from + ".");
            out.flush();
            return TAMPERED;
        }

        private static String rootMessage(Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return String.valueOf(cause.getMessage());
        }
    }
}
