package dev.vigil.notify.summary;

import dev.vigil.notify.slack.PublicUrl;
import dev.vigil.notify.slack.SlackApi;
import dev.vigil.notify.slack.SlackMessage;
import dev.vigil.notify.slack.SlackProperties;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Delivers one run to Slack. With the bot token: the message to the summary channel, its ts recorded at
 * once, then the chart uploaded and shared in the message's thread. A retry of a run whose message is
 * already posted only does the chart. With only a webhook: the message through it, and no chart (a webhook
 * cannot carry a file).
 */
@Component
class SummaryDelivery {

    private final SummaryReports reports;
    private final SummaryChart chart;
    private final SummaryRuns runs;
    private final SlackApi slack;
    private final SlackProperties slackProperties;
    private final SummaryProperties properties;
    private final PublicUrl publicUrl;

    SummaryDelivery(
            SummaryReports reports,
            SummaryChart chart,
            SummaryRuns runs,
            SlackApi slack,
            SlackProperties slackProperties,
            SummaryProperties properties,
            PublicUrl publicUrl) {
        this.reports = reports;
        this.chart = chart;
        this.runs = runs;
        this.slack = slack;
        this.slackProperties = slackProperties;
        this.properties = properties;
        this.publicUrl = publicUrl;
    }

    /** Whether a summary can be sent at all: a bot token and a channel, or a webhook. */
    boolean configured() {
        return (slackProperties.hasBotToken() && !channel().isEmpty()) || slackProperties.webhook() != null;
    }

    /** The summary channel: {@code vigil.summary.channel}, else {@code vigil.slack.channel}. */
    String channel() {
        return properties.channel() == null || properties.channel().isEmpty()
                ? slackProperties.channel().strip()
                : properties.channel();
    }

    /** Does what is left of {@code run}; throws a SlackException (or any other failure) if a step fails. */
    void deliver(SummaryRun run, Instant now) {
        if (!configured()) {
            throw new NotConfigured();
        }
        ZoneId zone = properties.zone();
        if (!slackProperties.hasBotToken() || channel().isEmpty()) {
            URI webhook = slackProperties.webhook();
            SlackMessage message = SummaryMessage.of(reports.report(run.period()), zone, publicUrl);
            slack.postWebhook(webhook, message.text(), message.blocks());
            runs.sent(run.id(), null, now);
            return;
        }
        String channel = channel();
        String ts = run.slackTs();
        if (ts == null) {
            SlackMessage message = SummaryMessage.of(reports.report(run.period()), zone, publicUrl);
            ts = slack.postMessage(channel, message.text(), message.blocks(), null);
            // Before anything else can fail: a retry must find the message and not post it again.
            runs.messagePosted(run.id(), ts);
        }
        byte[] png = chart.png(run.period(), zone);
        SlackApi.FileUpload upload = slack.startUpload(filename(run, zone), png.length);
        slack.sendUpload(upload, png);
        slack.completeUpload(upload, title(run, zone), channel, ts);
        runs.sent(run.id(), upload.fileId(), now);
    }

    private static String filename(SummaryRun run, ZoneId zone) {
        return "vigil-summary-"
                + DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm", Locale.ROOT)
                        .withZone(zone)
                        .format(run.periodEnd())
                + ".png";
    }

    private static String title(SummaryRun run, ZoneId zone) {
        DateTimeFormatter time =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
        return "Alerts by class, " + time.format(run.periodStart()) + " to " + time.format(run.periodEnd());
    }

    /** Neither a bot token with a channel nor a webhook is configured: nothing to send with. */
    static final class NotConfigured extends RuntimeException {
        NotConfigured() {
            super(
                    "Slack is not configured: set vigil.slack.bot-token and a channel, or vigil.slack.webhook-url",
                    null,
                    false,
                    false);
        }
    }
}
