package dev.vigil.notify.summary;

import dev.vigil.notify.slack.AlertMessage;
import dev.vigil.notify.slack.Blocks;
import dev.vigil.notify.slack.PublicUrl;
import dev.vigil.notify.slack.SlackMessage;
import dev.vigil.notify.slack.SlackText;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The daily summary as a Slack message: the same figures as {@link SummaryText}, laid out in Block Kit. Every
 * name that comes from alert data (hosts, users, titles, sources) is escaped and cut, so the message stays
 * within Slack's limits and cannot ping or forge a link, whatever the alerts hold. About a dozen blocks,
 * far below the fifty allowed.
 */
public final class SummaryMessage {

    private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final int NAME = 120;

    private SummaryMessage() {}

    public static SlackMessage of(SummaryReport r, ZoneId zone, PublicUrl publicUrl) {
        DateTimeFormatter time =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
        String span = time.format(r.from()) + " to " + time.format(r.to());
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Blocks.header(SlackText.escape("Vigil summary · " + span)));
        blocks.add(Blocks.section(
                "*" + r.totals().alerts() + " alerts* (" + delta(r.change().alerts()) + " against the previous period, "
                        + r.previous().alerts() + ")"));
        List<String> fields = new ArrayList<>();
        fields.add(counts("By class", r.totals().byClass(), r.change().byClass()));
        fields.add(counts("By severity", r.totals().bySeverity(), Map.of()));
        fields.add(counts("By source", r.totals().bySource(), Map.of()));
        fields.add(counts("Threat categories", nonZero(r.categories()), Map.of()));
        blocks.add(Blocks.fields(fields));
        blocks.add(Blocks.fields(List.of(
                ranked("Top techniques", r.topTechniques(), true),
                ranked("Top hosts", r.topHosts(), false),
                ranked("Top users", r.topUsers(), false))));
        blocks.add(Blocks.section(notable(r.notable(), publicUrl)));
        blocks.add(Blocks.context(List.of(analysts(r))));
        String fallback = "Vigil summary " + span + ": " + r.totals().alerts() + " alerts";
        return new SlackMessage(SlackText.escaped(fallback, Blocks.FALLBACK_TEXT), blocks);
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> kept = new java.util.LinkedHashMap<>();
        counts.forEach((name, n) -> {
            if (n != 0) {
                kept.put(name, n);
            }
        });
        return kept;
    }

    private static String counts(String title, Map<String, Long> counts, Map<String, SummaryReport.Delta> deltas) {
        List<String> lines = new ArrayList<>();
        counts.forEach((name, n) -> {
            SummaryReport.Delta d = deltas.get(name);
            lines.add(SlackText.escaped(name, NAME) + ": " + n + (d == null ? "" : " (" + delta(d) + ")"));
        });
        return field(title, lines);
    }

    private static String ranked(String title, List<SummaryReport.Ranked> ranked, boolean techniques) {
        List<String> lines = new ArrayList<>();
        for (SummaryReport.Ranked item : ranked) {
            String name = SlackText.escaped(item.name() == null ? "(none)" : item.name(), NAME);
            if (techniques
                    && item.name() != null
                    && TECHNIQUE_ID.matcher(item.name()).matches()) {
                name = "<" + AlertMessage.attackUrl(item.name()) + "|" + name + ">";
            }
            lines.add(name + ": " + item.alerts());
        }
        return field(title, lines);
    }

    private static String field(String title, List<String> lines) {
        String body = lines.isEmpty() ? "none" : String.join("\n", lines);
        return SlackText.truncate("*" + title + "*\n" + body, Blocks.FIELD_TEXT);
    }

    private static String notable(List<SummaryReport.Notable> notable, PublicUrl publicUrl) {
        if (notable.isEmpty()) {
            return "*Notable alerts*\nnone";
        }
        StringBuilder text = new StringBuilder("*Notable alerts*");
        // Each line is cut on its own, so one long title cannot push the others out of the 3,000 characters.
        int perLine = (Blocks.SECTION_TEXT - text.length()) / notable.size() - 2;
        for (SummaryReport.Notable n : notable) {
            String line = (n.riskScore() == null ? "-" : n.riskScore().toString()) + " "
                    + (n.riskClass() == null ? SummaryReports.UNSCORED : n.riskClass()) + " · "
                    + SlackText.escaped(n.source(), 40) + " · <" + publicUrl.alert(n.id()) + "|"
                    + SlackText.escaped(n.title(), 200) + ">";
            text.append("\n• ").append(SlackText.truncate(line, perLine));
        }
        return text.toString();
    }

    private static String analysts(SummaryReport r) {
        SummaryReport.Acknowledgement ack = r.acknowledgement();
        SummaryReport.FalsePositives fp = r.falsePositives();
        return "Mean time to acknowledge: "
                + (ack.meanSeconds() == null ? "n/a" : duration(ack.meanSeconds()))
                + " (" + ack.acknowledged() + " acknowledged) · False-positive rate: "
                + (fp.rate() == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", fp.rate() * 100))
                + " (" + fp.falsePositives() + " of " + fp.closed() + " closed)";
    }

    private static String delta(SummaryReport.@Nullable Delta delta) {
        if (delta == null) {
            return "";
        }
        String count = (delta.count() > 0 ? "+" : "") + delta.count();
        return delta.percent() == null ? count : count + String.format(Locale.ROOT, ", %+.1f%%", delta.percent());
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
}
