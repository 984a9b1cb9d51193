package dev.vigil.notify.summary;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The summary as plain text, for {@code vigil summary --preview}: the same figures as the JSON. */
public final class SummaryText {

    private SummaryText() {}

    public static String render(SummaryReport r, ZoneId zone) {
        DateTimeFormatter time =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(zone);
        StringBuilder out = new StringBuilder();
        out.append("Vigil summary ")
                .append(time.format(r.from()))
                .append(" to ")
                .append(time.format(r.to()))
                .append('\n');
        out.append("Alerts: ")
                .append(r.totals().alerts())
                .append(" (")
                .append(delta(r.change().alerts()))
                .append(" against the previous period, ")
                .append(r.previous().alerts())
                .append(")\n");
        section(out, "By class");
        r.totals()
                .byClass()
                .forEach((name, n) -> out.append(String.format(
                        Locale.ROOT,
                        "  %-14s %8d  %s%n",
                        name,
                        n,
                        delta(r.change().byClass().get(name)))));
        counts(out, "By severity", r.totals().bySeverity());
        counts(out, "By source", r.totals().bySource());
        counts(out, "Threat categories", r.categories());
        ranked(out, "Top techniques", r.topTechniques());
        ranked(out, "Top hosts", r.topHosts());
        ranked(out, "Top users", r.topUsers());
        section(out, "Notable alerts");
        if (r.notable().isEmpty()) {
            out.append("  none\n");
        }
        for (SummaryReport.Notable n : r.notable()) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %-4s %-9s %-8s %s  %s%n",
                    n.riskScore() == null ? "-" : n.riskScore(),
                    n.riskClass() == null ? SummaryReports.UNSCORED : n.riskClass(),
                    n.source(),
                    n.id(),
                    n.title()));
        }
        section(out, "Analysts");
        SummaryReport.Acknowledgement ack = r.acknowledgement();
        out.append("  Mean time to acknowledge: ")
                .append(ack.meanSeconds() == null ? "n/a" : duration(ack.meanSeconds()))
                .append(" (")
                .append(ack.acknowledged())
                .append(" acknowledged)\n");
        SummaryReport.FalsePositives fp = r.falsePositives();
        out.append("  False-positive rate: ")
                .append(fp.rate() == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", fp.rate() * 100))
                .append(" (")
                .append(fp.falsePositives())
                .append(" of ")
                .append(fp.closed())
                .append(" closed)\n");
        return out.toString();
    }

    private static void section(StringBuilder out, String title) {
        out.append('\n').append(title).append('\n');
    }

    private static void counts(StringBuilder out, String title, Map<String, Long> counts) {
        section(out, title);
        if (counts.isEmpty()) {
            out.append("  none\n");
        }
        counts.forEach((name, n) -> out.append(String.format(Locale.ROOT, "  %-22s %8d%n", name, n)));
    }

    private static void ranked(StringBuilder out, String title, List<SummaryReport.Ranked> ranked) {
        section(out, title);
        if (ranked.isEmpty()) {
            out.append("  none\n");
        }
        ranked.forEach(r -> out.append(String.format(Locale.ROOT, "  %-40s %8d%n", r.name(), r.alerts())));
    }

    private static String delta(SummaryReport.@Nullable Delta delta) {
        if (delta == null) {
            return "";
        }
        String count = (delta.count() > 0 ? "+" : "") + delta.count();
        return delta.percent() == null ? count : count + String.format(Locale.ROOT, " (%+.1f%%)", delta.percent());
    }

    private static String duration(double seconds) {
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        return d.toHours() > 0
                ? String.format(Locale.ROOT, "%dh %02dm", d.toHours(), d.toMinutesPart())
                : String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
    }
}
