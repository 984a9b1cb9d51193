package dev.vigil.cli.defender;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one tenant's part of a running Vigil's Defender API, {@code {url}/api/v1/defender/{tenant}/…}, called with
 * an API key ({@code Authorization: Bearer}). Answers of 4xx and 5xx become a {@link Failure} built from the
 * RFC 9457 problem Vigil sent. Redirects are not followed, so the key only ever goes to the address given.
 */
final class VigilApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Tenant names as Vigil's configuration allows them (operations.md, Defender). */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9-]{1,63}");

    /** What an API key may contain; anything else would be a mistake in the key file, never sent. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{8,512}");

    /** Hunting queries and live response sessions can take minutes on Defender's side. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);

    /** A successful answer: its status (200, 202, 204 …), its JSON when it had some, its bytes and headers. */
    record Answer(int status, @Nullable JsonNode json, byte[] bytes, HttpHeaders headers) {

        Answer(int status, @Nullable JsonNode json, byte[] bytes) {
            this(status, json, bytes, HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        JsonNode body() {
            return json == null ? JSON.missingNode() : json;
        }

        @Nullable
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String url;
    private final String base;
    private final String apiKey;
    private final HttpClient http;

    VigilApi(String url, String tenant, String apiKey) {
        URI parsed;
        try {
            parsed = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--url '" + url + "' is not a URL");
        }
        if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                || parsed.getHost() == null
                || parsed.getRawUserInfo() != null
                || parsed.getRawQuery() != null
                || parsed.getRawFragment() != null) {
            throw Failure.usage("--url must be http(s)://host[:port][/path], e.g. http://127.0.0.1:8080");
        }
        if (!TENANT.matcher(tenant).matches()) {
            throw Failure.usage("--tenant must be the tenant's name in Vigil (a-z, 0-9, -), not '" + tenant + "'");
        }
        if (!KEY.matcher(apiKey).matches()) {
            // Never say what the key looked like: the message ends up in terminals and logs.
            throw Failure.usage("the API key is not one: 8 to 512 printable characters, no spaces");
        }
        this.url = parsed.toString().replaceAll("/+$", "");
        this.base = this.url + "/api/v1/defender/" + tenant;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** True when the key would cross a network unencrypted: plain http to anything but this machine. */
    boolean sendsKeyInClear() {
        URI uri = URI.create(url);
        String host = uri.getHost();
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        return "http".equals(uri.getScheme()) && !loopback;
    }

    /** {@code /a/b/c} with each segment percent-encoded, so an id can never change the path it is used in. */
    static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (segment.isBlank() || segment.equals(".") || segment.equals("..")) {
                throw Failure.usage("'" + segment + "' is not an id");
            }
            path.append('/').append(encode(segment));
        }
        return path.toString();
    }

    /** Query parameters in order, the null ones left out: {@code query("top", "10", "name", null)}. */
    static Map<String, String> query(@Nullable String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null) {
                query.put(String.valueOf(namesAndValues[i]), value);
            }
        }
        return query;
    }

    Answer get(String path, Map<String, String> query) {
        return send("GET", path, query, null, false);
    }

    Answer get(String path) {
        return send("GET", path, Map.of(), null, false);
    }

    /** A file's bytes, whatever their type. */
    Answer download(String path) {
        return send("GET", path, Map.of(), null, true);
    }

    Answer post(String path, JsonNode body) {
        return send("POST", path, Map.of(), body, false);
    }

    Answer post(String path, Map<String, String> query, JsonNode body) {
        return send("POST", path, query, body, false);
    }

    Answer put(String path, JsonNode body) {
        return send("PUT", path, Map.of(), body, false);
    }

    Answer patch(String path, JsonNode body) {
        return send("PATCH", path, Map.of(), body, false);
    }

    Answer delete(String path, Map<String, String> query) {
        return send("DELETE", path, query, null, false);
    }

    private Answer send(
            String method, String path, Map<String, String> query, @Nullable JsonNode body, boolean anyContent) {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
        URI uri = URI.create(base + path + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json, application/problem+json, */*");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw Failure.unavailable("cannot reach Vigil at " + url + " (is it running? see --url / VIGIL_URL)");
        } catch (HttpTimeoutException e) {
            throw Failure.unavailable("Vigil at " + url + " did not answer within " + ANSWER_TIMEOUT.toMinutes()
                    + " minutes (" + method + " " + path + ")");
        } catch (IOException e) {
            throw Failure.unavailable("talking to Vigil at " + url + ": " + redacted(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.unavailable("interrupted");
        }
        JsonNode json = parsed(response);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (!anyContent && json == null && response.body().length > 0) {
                // An HTML page, say: --url names something else than Vigil, which would otherwise read as "none".
                throw Failure.unavailable("the answer from " + url + " is not Vigil's JSON (HTTP " + status
                        + ", " + response.headers().firstValue("Content-Type").orElse("no Content-Type")
                        + "); is --url a Vigil?");
            }
            return new Answer(status, json, response.body(), response.headers());
        }
        String message = redacted(problem(status, json, response));
        throw status >= 400 && status < 500 ? Failure.refused(message) : Failure.unavailable(message);
    }

    /**
     * One line from Vigil's problem: title, detail, the field and index of a bad indicator, and the request id
     * to find the call in Vigil's audit log and Defender's own logs.
     */
    private static String problem(int status, @Nullable JsonNode json, HttpResponse<byte[]> response) {
        StringBuilder line = new StringBuilder();
        if (json != null && json.isObject() && (json.has("title") || json.has("detail"))) {
            line.append(text(json, "title", "Vigil refused the request"));
            if (json.hasNonNull("detail")) {
                line.append(": ").append(json.get("detail").asString());
            }
        } else {
            line.append(status >= 500 ? "Vigil failed" : "Vigil refused the request");
        }
        line.append(" (HTTP ").append(status);
        if (json != null && json.hasNonNull("field")) {
            line.append(", field ").append(json.get("field").asString());
        }
        if (json != null && json.hasNonNull("index")) {
            line.append(", item ").append(json.get("index").asString());
        }
        String requestId = json != null && json.hasNonNull("requestId")
                ? json.get("requestId").asString()
                : response.headers().firstValue("X-Defender-Request-Id").orElse(null);
        if (requestId != null) {
            line.append(", request id ").append(requestId);
        }
        return Output.clean(line.append(')').toString());
    }

    private static String text(JsonNode json, String field, String otherwise) {
        return json.hasNonNull(field) ? json.get(field).asString() : otherwise;
    }

    private static @Nullable JsonNode parsed(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.body().length == 0 || !type.contains("json")) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Whatever a server or the JDK put in a message, the key never reaches the terminal. */
    private String redacted(String message) {
        return message.replace(apiKey, "[api key]");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
