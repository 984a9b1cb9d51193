package dev.vigil.notify.slack;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Vigil reaches Slack. The bot token and webhook URL are secrets: they come from the environment
 * ({@code VIGIL_SLACK_BOT_TOKEN}, {@code VIGIL_SLACK_WEBHOOK_URL}), never from committed configuration, and
 * {@link #toString()} leaves them out.
 *
 * @param botToken {@code xoxb-...} token for {@code chat.postMessage} and {@code chat.update}; empty for none
 * @param webhookUrl incoming webhook URL, the other delivery mode; empty for none
 * @param channel default channel (an id such as {@code C0123ABCDEF} is best)
 * @param apiUrl prefix of Web API method names; tests point it at a fake on loopback
 * @param timeout how long one call may take, connecting included, before it counts as a transient failure
 */
@ConfigurationProperties("vigil.slack")
public record SlackProperties(
        @DefaultValue("") String botToken,
        @DefaultValue("") String webhookUrl,
        @DefaultValue("") String channel,
        @DefaultValue("https://slack.com/api/") URI apiUrl,
        @DefaultValue("10s") Duration timeout) {

    public SlackProperties {
        if (!apiUrl.toString().endsWith("/")) {
            apiUrl = URI.create(apiUrl + "/");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("vigil.slack.timeout must be positive");
        }
    }

    public boolean hasBotToken() {
        return !botToken.isBlank();
    }

    /** The webhook, or null for none; an invalid URL is refused without repeating it (it holds a secret). */
    public @Nullable URI webhook() {
        if (webhookUrl.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(webhookUrl.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException("(hidden)", "no scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("vigil.slack.webhook-url is not a valid URL");
        }
    }

    @Override
    public String toString() {
        return "SlackProperties[botToken=" + (hasBotToken() ? "(set)" : "(none)") + ", webhookUrl="
                + (webhookUrl.isBlank() ? "(none)" : "(set)") + ", channel=" + channel + ", apiUrl=" + apiUrl
                + ", timeout=" + timeout + "]";
    }
}
