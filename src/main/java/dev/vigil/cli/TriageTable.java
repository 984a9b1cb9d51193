package dev.vigil.cli;

import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Host;
import dev.vigil.cli.TriageCommand.TriagedAlert;
import dev.vigil.cli.TriageCommand.TriagedFile;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/** The table view of offline triage: highest risk first, then a line per file with its counts. */
final class TriageTable {

    private static final String ROW = "%-8s  %4s  %-8s  %-9s  %-20s  %-24s  %-20s  %s%n";

    private TriageTable() {}

    static void print(PrintWriter out, List<TriagedFile> results) {
        List<TriagedAlert> all = results.stream()
                .flatMap(r -> r.alerts().stream())
                .sorted(Comparator.comparingInt((TriagedAlert t) -> t.triage().riskScore())
                        .reversed())
                .toList();
        out.printf(ROW, "SEVERITY", "RISK", "CLASS", "SOURCE", "OCCURRED", "HOST", "TECHNIQUES", "TITLE");
        for (TriagedAlert t : all) {
            out.printf(
                    ROW,
                    t.alert().severity(),
                    t.triage().riskScore(),
                    t.triage().riskClass(),
                    t.alert().source().id(),
                    t.alert().occurredAt() == null
                            ? "-"
                            : t.alert().occurredAt().toString().substring(0, 19) + "Z",
                    clip(host(t), 24),
                    clip(techniques(t), 20),
                    clip(t.alert().title(), 80));
        }
        out.println();
        for (TriagedFile r : results) {
            out.printf(
                    "%s: %s, %d alert(s), %d event(s), %d raised by Sigma rules, %d rejected%n",
                    r.file(),
                    r.outcome().format().id(),
                    r.count(AlertKind.ALERT),
                    r.count(AlertKind.EVENT),
                    r.alerts().stream().filter(TriagedAlert::raised).count(),
                    r.outcome().rejections().size());
        }
    }

    private static String techniques(TriagedAlert t) {
        List<String> ids = t.triage().techniques().stream()
                .map(dev.vigil.alert.AlertTechnique::id)
                .toList();
        return ids.isEmpty() ? "-" : String.join(",", ids);
    }

    private static String host(TriagedAlert t) {
        List<Host> hosts = t.alert().entities().hosts();
        if (hosts.isEmpty()) {
            return "-";
        }
        Host h = hosts.get(0);
        return h.name() != null ? h.name() : h.ip() != null ? h.ip() : h.defenderDeviceId();
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
