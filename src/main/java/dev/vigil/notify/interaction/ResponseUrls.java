package dev.vigil.notify.interaction;

import dev.vigil.notify.slack.SlackMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a click through its {@code response_url}: replaces the message clicked on, or tells only the
 * clicker something (ephemeral). Vigil posts only to URLs under the configured prefix (Slack's
 * {@code https://hooks.slack.com/} in production), never wherever a payload points. A response URL is a
 * short-lived credential, so it never appears in logs or errors.
 */
final class ResponseUrls {

    private final URI allowedPrefix;
    private final Duration timeout;
    private final JsonMapper json;
    private final HttpClient http;

    ResponseUrls(URI allowedPrefix, Duration timeout, JsonMapper json) {
        this.allowedPrefix = allowedPrefix;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The URL when it lies under the allowed prefix: same scheme, host and port, and its path below the
     * prefix's path. Compared as parsed parts, not as text, so {@code https://hooks.slack.com.evil/} and
     * {@code https://hooks.slack.com@evil/} are refused.
     */
    Optional<URI> allowed(String responseUrl) {
        URI uri;
        try {
            uri = new URI(responseUrl).normalize();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        boolean under = uri.isAbsolute()
                && uri.getRawUserInfo() == null
                && allowedPrefix.getScheme().equalsIgnoreCase(uri.getScheme())
                && allowedPrefix.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                && port(allowedPrefix) == port(uri)
                && uri.getRawPath() != null
                && !uri.getRawPath().contains("..")
                && uri.getRawPath().startsWith(allowedPrefix.getRawPath());
        return under ? Optional.of(uri) : Optional.empty();
    }

    /** Replaces the message the button was on. @throws ResponseFailed */
    void replace(URI url, SlackMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replace_original", true);
        body.put("text", message.text());
        body.put("blocks", message.blocks());
        post(url, body);
    }

    /** Tells only the clicker, leaving the message as it is. @throws ResponseFailed */
    void tellClicker(URI url, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response_type", "ephemeral");
        body.put("replace_original", false);
        body.put("text", text);
        post(url, body);
    }

    /** Tells everyone in the channel, under the clicked message when its ts is known. @throws ResponseFailed */
    void tellChannel(URI url, String text, @Nullable String threadTs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response_type", "in_channel");
        body.put("replace_original", false);
        body.put("text", text);
        if (threadTs != null) {
            body.put("thread_ts", threadTs);
        }
        post(url, body);
    }

    private void post(URI url, Map<String, Object> body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new ResponseFailed("network error (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseFailed("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ResponseFailed("HTTP " + response.statusCode());
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Slack did not take the answer; the message names no URL. */
    static final class ResponseFailed extends RuntimeException {
        ResponseFailed(String message) {
            super("Slack refused the response_url post: " + message);
        }
    }
}
