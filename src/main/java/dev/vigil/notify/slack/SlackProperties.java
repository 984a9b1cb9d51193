package dev.vigil.notify.slack;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Vigil reaches Slack and how Slack reaches Vigil. The bot token, webhook URL and signing secret are
 * secrets: they come from the environment ({@code VIGIL_SLACK_BOT_TOKEN}, {@code VIGIL_SLACK_WEBHOOK_URL},
 * {@code VIGIL_SLACK_SIGNING_SECRET}), never from committed configuration, and {@link #toString()} leaves
 * them out.
 *
 * @param botToken {@code xoxb-...} token for {@code chat.postMessage} and {@code chat.update}; empty for none
 * @param webhookUrl incoming webhook URL, the other delivery mode; empty for none
 * @param channel default channel (an id such as {@code C0123ABCDEF} is best)
 * @param apiUrl prefix of Web API method names; tests point it at a fake on loopback
 * @param timeout how long one call may take, connecting included, before it counts as a transient failure
 * @param signingSecret the Slack app's signing secret, which {@code POST /slack/interactions} verifies every
 *     request with ({@code VIGIL_SLACK_SIGNING_SECRET}); empty: interactivity is off
 * @param responseUrlPrefix the only place Vigil posts a Slack {@code response_url} to; tests point it at a fake
 * @param users Slack user id → Vigil user name, for button clicks; links made with {@code vigil users link}
 *     take precedence
 */
@ConfigurationProperties("vigil.slack")
public record SlackProperties(
        @DefaultValue("") String botToken,
        @DefaultValue("") String webhookUrl,
        @DefaultValue("") String channel,
        @DefaultValue("https://slack.com/api/") URI apiUrl,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("") String signingSecret,
        @DefaultValue("https://hooks.slack.com/") URI responseUrlPrefix,
        @DefaultValue Map<String, String> users) {

    @ConstructorBinding
    public SlackProperties {
        if (!apiUrl.toString().endsWith("/")) {
            apiUrl = URI.create(apiUrl + "/");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("vigil.slack.timeout must be positive");
        }
        if (!responseUrlPrefix.toString().endsWith("/") || responseUrlPrefix.getHost() == null) {
            throw new IllegalArgumentException(
                    "vigil.slack.response-url-prefix must be an absolute URL ending in '/', e.g. https://hooks.slack.com/");
        }
        // Slack user ids are upper case; environment variables and some YAML tools lower-case map keys.
        Map<String, String> normalised = new LinkedHashMap<>();
        users.forEach((slackUser, vigilUser) -> normalised.put(
                slackUser.strip().toUpperCase(Locale.ROOT), vigilUser.strip().toLowerCase(Locale.ROOT)));
        users = Map.copyOf(normalised);
    }

    /** Without interactivity: what the Slack client alone needs. */
    public SlackProperties(String botToken, String webhookUrl, String channel, URI apiUrl, Duration timeout) {
        this(botToken, webhookUrl, channel, apiUrl, timeout, "", URI.create("https://hooks.slack.com/"), Map.of());
    }

    /** Whether {@code POST /slack/interactions} can verify requests, and so accepts any. */
    public boolean hasSigningSecret() {
        return !signingSecret.isBlank();
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
                + ", timeout=" + timeout + ", signingSecret=" + (hasSigningSecret() ? "(set)" : "(none)")
                + ", responseUrlPrefix=" + responseUrlPrefix + ", users=" + users + "]";
    }
}
