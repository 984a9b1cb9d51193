package dev.vigil.notify.slack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SlackApi} over the JDK HTTP client. Not the Slack SDK: classifying failures exactly as the contract
 * says needs the raw status, {@code Retry-After} header and body of every answer, which the JDK client gives
 * directly, and it adds no OkHttp to the class path.
 */
public final class SlackHttpClient implements SlackApi {

    /** Web API errors that are Slack's own trouble; every other {@code ok:false} error is permanent. */
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

    private static final Set<String> RATE_LIMITED_ERRORS = Set.of("ratelimited", "rate_limited");

    /** Slack's error codes are snake_case words; anything else in a body is not repeated in our errors. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_]{1,100}");

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** The metadata event type of Vigil's tagged posts. */
    static final String METADATA_EVENT = "vigil_notification";

    private static final int MAX_HISTORY_PAGES = 10;

    private final HttpClient http;
    private final JsonMapper json;
    private final URI apiUrl;
    private final String botToken;
    private final Duration timeout;

    public SlackHttpClient(SlackProperties properties) {
        this(properties, JsonMapper.builder().build());
    }

    public SlackHttpClient(SlackProperties properties, JsonMapper json) {
        this.json = json;
        this.apiUrl = properties.apiUrl();
        // Tokens read from files often end in a newline, which no HTTP header may hold.
        this.botToken = properties.botToken().strip();
        this.timeout = properties.timeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String postMessage(
            String channel, String text, List<Map<String, Object>> blocks, @Nullable String threadTs) {
        return post(channel, text, blocks, threadTs, null);
    }

    @Override
    public String postTagged(
            String channel, String text, List<Map<String, Object>> blocks, @Nullable String threadTs, String tag) {
        return post(channel, text, blocks, threadTs, tag);
    }

    private String post(
            String channel,
            String text,
            List<Map<String, Object>> blocks,
            @Nullable String threadTs,
            @Nullable String tag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("text", text);
        body.put("blocks", blocks);
        if (threadTs != null) {
            body.put("thread_ts", threadTs);
        }
        if (tag != null) {
            body.put("metadata", Map.of("event_type", METADATA_EVENT, "event_payload", Map.of("tag", tag)));
        }
        // Links in alert data must not unfurl into previews fetched by Slack.
        body.put("unfurl_links", false);
        body.put("unfurl_media", false);
        JsonNode answer = callWebApi("chat.postMessage", jsonRequest(apiUrl.resolve("chat.postMessage"), body));
        String ts = answer.path("ts").asString("");
        if (ts.isEmpty()) {
            throw new SlackTransientError("chat.postMessage", "answer without ts");
        }
        return ts;
    }

    @Override
    public Optional<String> findTagged(String channel, @Nullable String threadTs, Instant since, String tag) {
        String method = threadTs == null ? "conversations.history" : "conversations.replies";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", channel);
        if (threadTs != null) {
            form.put("ts", threadTs);
        }
        // A second of slack for clocks; the tag decides, not the time.
        form.put("oldest", since.minusSeconds(1).getEpochSecond() + ".000000");
        form.put("inclusive", "true");
        form.put("include_all_metadata", "true");
        form.put("limit", "200");
        for (int page = 0; page < MAX_HISTORY_PAGES; page++) {
            JsonNode answer = callWebApi(method, formRequest(method, form));
            for (JsonNode message : answer.path("messages")) {
                JsonNode metadata = message.path("metadata");
                if (METADATA_EVENT.equals(metadata.path("event_type").asString(""))
                        && tag.equals(metadata.path("event_payload").path("tag").asString(""))) {
                    return Optional.of(message.path("ts").asString(""));
                }
            }
            String cursor = answer.path("response_metadata").path("next_cursor").asString("");
            if (cursor.isEmpty()) {
                return Optional.empty();
            }
            form.put("cursor", cursor);
        }
        // Thousands of messages in the window: give up looking rather than read the channel forever.
        return Optional.empty();
    }

    @Override
    public void update(String channel, String ts, String text, List<Map<String, Object>> blocks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("ts", ts);
        body.put("text", text);
        body.put("blocks", blocks);
        callWebApi("chat.update", jsonRequest(apiUrl.resolve("chat.update"), body));
    }

    @Override
    public void postWebhook(URI url, String text, List<Map<String, Object>> blocks) {
        String call = "incoming webhook";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("blocks", blocks);
        body.put("unfurl_links", false);
        body.put("unfurl_media", false);
        HttpRequest request = jsonRequest(url, body).build();
        HttpResponse<String> response = send(call, request);
        int status = response.statusCode();
        String answer = response.body().strip();
        if (status == 200 && answer.equals("ok")) {
            return;
        }
        if (status == 429) {
            throw new SlackRateLimited(call, retryAfter(response));
        }
        if (status >= 500 || status == 408) {
            throw new SlackTransientError(call, "HTTP " + status);
        }
        throw new SlackPermanentError(call, errorCode(answer, status));
    }

    @Override
    public FileUpload startUpload(String filename, long length) {
        String method = "files.getUploadURLExternal";
        JsonNode answer = callWebApi(method, formRequest(method, Map.of("filename", filename, "length", length)));
        String url = answer.path("upload_url").asString("");
        String fileId = answer.path("file_id").asString("");
        if (url.isEmpty() || fileId.isEmpty()) {
            throw new SlackTransientError(method, "answer without upload_url or file_id");
        }
        try {
            return new FileUpload(URI.create(url), fileId);
        } catch (IllegalArgumentException e) {
            throw new SlackTransientError(method, "upload_url is not a URL");
        }
    }

    @Override
    public void sendUpload(FileUpload upload, byte[] bytes) {
        String call = "file upload";
        // No bearer token: the upload URL is Slack's own authority for this one file, and a token must only
        // ever go to the Web API.
        HttpRequest request = HttpRequest.newBuilder(upload.uploadUrl())
                .timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        HttpResponse<String> response = send(call, request);
        int status = response.statusCode();
        if (status == 200) {
            return;
        }
        if (status == 429) {
            throw new SlackRateLimited(call, retryAfter(response));
        }
        if (status >= 500 || status == 408) {
            throw new SlackTransientError(call, "HTTP " + status);
        }
        throw new SlackPermanentError(call, "http_" + status);
    }

    @Override
    public void completeUpload(FileUpload upload, String title, String channel, @Nullable String threadTs) {
        String method = "files.completeUploadExternal";
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("files", json.writeValueAsString(List.of(Map.of("id", upload.fileId(), "title", title))));
        form.put("channel_id", channel);
        if (threadTs != null) {
            form.put("thread_ts", threadTs);
        }
        callWebApi(method, formRequest(method, form));
    }

    private JsonNode callWebApi(String method, Map<String, Object> body) {
        return callWebApi(method, jsonRequest(apiUrl.resolve(method), body));
    }

    /**
     * Form parameters, for the methods that take no JSON body (files.getUploadURLExternal) and the read
     * methods (conversations.history), not all of which accept one.
     */
    private HttpRequest.Builder formRequest(String method, Map<String, ?> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((name, value) -> {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        });
        return HttpRequest.newBuilder(apiUrl.resolve(method))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8));
    }

    private JsonNode callWebApi(String method, HttpRequest.Builder unsigned) {
        HttpRequest request =
                unsigned.header("Authorization", "Bearer " + botToken).build();
        HttpResponse<String> response = send(method, request);
        int status = response.statusCode();
        if (status == 429) {
            throw new SlackRateLimited(method, retryAfter(response));
        }
        if (status >= 500 || status == 408) {
            throw new SlackTransientError(method, "HTTP " + status);
        }
        if (status != 200) {
            throw new SlackPermanentError(method, "http_" + status);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JacksonException e) {
            // A proxy's error page, most likely: not Slack's verdict on the message.
            throw new SlackTransientError(method, "answer is not JSON");
        }
        if (answer.path("ok").asBoolean(false)) {
            return answer;
        }
        String error = errorCode(answer.path("error").asString(""), status);
        if (RATE_LIMITED_ERRORS.contains(error)) {
            throw new SlackRateLimited(method, retryAfter(response));
        }
        if (TRANSIENT_ERRORS.contains(error)) {
            throw new SlackTransientError(method, error);
        }
        throw new SlackPermanentError(method, error);
    }

    private HttpRequest.Builder jsonRequest(URI url, Map<String, Object> body) {
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String call, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new SlackTransientError(
                    call, "could not connect (" + e.getClass().getSimpleName() + ")");
        } catch (HttpTimeoutException e) {
            // Sent, and no answer in time: Slack may have done it.
            throw new SlackTransientError(call, "timed out after " + timeout.toMillis() + " ms", true);
        } catch (IOException e) {
            // The exception's own message is not repeated: it may name the webhook URL. The request may
            // have been sent before the connection broke.
            throw new SlackTransientError(call, "network error (" + e.getClass().getSimpleName() + ")", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackTransientError(call, "interrupted");
        }
    }

    /** Slack sends whole seconds; a missing or odd header means "soon", never "now". */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(String::strip)
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Math.max(1, Long.parseLong(v))))
                .orElse(DEFAULT_RETRY_AFTER);
    }

    private static String errorCode(String body, int status) {
        String code = body.strip().toLowerCase(Locale.ROOT);
        return ERROR_CODE.matcher(code).matches() ? code : "http_" + status;
    }
}
