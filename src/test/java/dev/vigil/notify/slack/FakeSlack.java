package dev.vigil.notify.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.access.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack on loopback, over real HTTP, for tests: {@code chat.postMessage} and {@code chat.update} under
 * {@link #apiUrl()}, an incoming webhook at {@link #webhookUrl()} and interaction response URLs under
 * {@link #responseUrlPrefix()}. It checks the bearer token, the payload
 * and the Block Kit limits as Slack does ({@code invalid_auth}, {@code no_text}, {@code invalid_blocks},
 * {@code msg_too_long}, ...), answers with increasing {@code ts} values, records every request in order, and
 * can be made to fail: {@link #answerUnavailable()}, {@link #answerRateLimited(int)}, {@link #answerError},
 * {@link #refuseConnections()}; {@link #recover()} undoes them.
 *
 * <p>Files go through Slack's upload flow: {@code files.getUploadURLExternal} (form parameters {@code
 * filename}, {@code length}) hands out an upload URL on this fake, the bytes are POSTed there, and {@code
 * files.completeUploadExternal} ({@code files}, {@code channel_id}, {@code thread_ts}) shares them; {@link
 * #sharedFiles()} holds what was shared, with its bytes.
 */
public final class FakeSlack implements AutoCloseable {

    /** One request as Slack saw it, what it answered, and when it arrived ({@link System#nanoTime()}). */
    public record Request(
            String call,
            @Nullable String channel,
            @Nullable String threadTs,
            @Nullable String ts,
            @Nullable String text,
            @Nullable JsonNode body,
            int status,
            @Nullable String error,
            long receivedNanos) {

        public boolean accepted() {
            return error == null;
        }
    }

    /** One post to a click's {@code response_url} (§4.5): the path it went to and its JSON body. */
    public record ResponsePost(String path, @Nullable JsonNode body) {}
    /** A file shared by {@code files.completeUploadExternal}, with the bytes that were uploaded for it. */
    public record SharedFile(
            String fileId,
            String filename,
            String title,
            String channel,
            @Nullable String threadTs,
            byte[] bytes) {}

    public static final String WEBHOOK_PATH = "/services/T0FAKE/B0FAKE/";
    public static final String RESPONSE_URL_PATH = "/actions/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String botToken;
    private final String webhookSecret;
    private int port;
    private @Nullable ExecutorService executor;
    private final List<Request> requests = new ArrayList<>();
    private final List<ResponsePost> responsePosts = new ArrayList<>();
    private final Set<String> messageTs = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    /** Uploads handed out: file id to filename and announced length; then the bytes received. */
    private final Map<String, Map.Entry<String, Long>> pendingUploads = new ConcurrentHashMap<>();

    private final Map<String, byte[]> uploadedBytes = new ConcurrentHashMap<>();
    private final List<SharedFile> shared = new ArrayList<>();
    private @Nullable HttpServer server;

    /** Per-channel token buckets when pacing is on (§4.4): tokens left and when they were last refilled. */
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private volatile int pacingCapacity; // 0: no pacing
    private volatile boolean refuseUploads;
    private volatile int failStatus; // 0: answer normally
    private volatile @Nullable String failError;
    private volatile int retryAfterSeconds;
    private volatile long answerDelayMillis;

    /** Messages as Slack keeps them, for the conversations.* read methods. */
    private final List<Stored> stored = new ArrayList<>();

    private record Stored(
            String channel,
            String ts,
            @Nullable String threadTs,
            @Nullable JsonNode metadata) {}

    private FakeSlack(String botToken, String webhookSecret) {
        this.botToken = botToken;
        this.webhookSecret = webhookSecret;
    }

    /** Starts on a free loopback port; Web API requests must carry {@code Bearer botToken}. */
    public static FakeSlack start(String botToken, String webhookSecret) {
        FakeSlack fake = new FakeSlack(botToken, webhookSecret);
        fake.listen(0);
        return fake;
    }

    private void listen(int onPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            executor = Executors.newFixedThreadPool(4);
            http.setExecutor(executor);
            http.createContext("/api/", this::api);
            http.createContext("/services/", this::webhook);
            http.createContext(RESPONSE_URL_PATH, this::responseUrlPost);
            http.createContext("/upload/", this::upload);
            http.start();
            server = http;
            port = http.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized URI apiUrl() {
        return URI.create("http://127.0.0.1:" + port + "/api/");
    }

    /** The webhook URL with its secret, as Slack hands it out: a secret itself. */
    public synchronized URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + port + WEBHOOK_PATH + webhookSecret);
    }

    /** Where this fake's response URLs live: the app's {@code vigil.slack.response-url-prefix} in tests. */
    public synchronized URI responseUrlPrefix() {
        return URI.create("http://127.0.0.1:" + port + RESPONSE_URL_PATH);
    }

    /** A response URL as Slack puts one in an interaction payload; {@code click} tells clicks apart. */
    public URI responseUrl(String click) {
        return responseUrlPrefix().resolve("T0FAKE/" + click + "/fakeResponseToken");
    }

    /** Posts to response URLs so far, in arrival order. */
    public synchronized List<ResponsePost> responsePosts() {
        return List.copyOf(responsePosts);
    }

    /** Every request received so far, in arrival order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Messages Slack accepted (posts, updates and webhook posts), in order. */
    public synchronized List<Request> accepted() {
        return requests.stream().filter(Request::accepted).toList();
    }

    /** Accepted top-level and thread posts to {@code channel}, in order. */
    public synchronized List<Request> postsTo(String channel) {
        return requests.stream()
                .filter(r -> r.accepted() && r.call().equals("chat.postMessage") && channel.equals(r.channel()))
                .toList();
    }

    /** Files shared in a channel so far, in order. */
    public synchronized List<SharedFile> sharedFiles() {
        return List.copyOf(shared);
    }

    /** Answers uploads of file bytes with HTTP 503 (the Web API keeps working) until {@link #recover()}. */
    public void refuseUploads() {
        refuseUploads = true;
    }

    /** Answers every request with HTTP 503 until {@link #recover()}. */
    public void answerUnavailable() {
        fail(503, null, 0);
    }

    /** Answers every request with HTTP 429 and {@code Retry-After} until {@link #recover()}. */
    public void answerRateLimited(int retryAfterSeconds) {
        fail(429, "ratelimited", retryAfterSeconds);
    }

    /**
     * Answers every request with Slack's error {@code error} until {@link #recover()}: {@code ok:false} with
     * HTTP 200 on the Web API, the plain-text code with its HTTP status on the webhook.
     */
    public void answerError(String error) {
        fail(200, error, 0);
    }

    /**
     * Paces {@code chat.postMessage} per channel as Slack does: bursts of {@code capacity}, then one message
     * per second; beyond that HTTP 429 with {@code Retry-After: 1}. {@code 0} turns pacing off.
     */
    public void paceChannels(int capacity) {
        buckets.clear();
        pacingCapacity = capacity;
    }

    /**
     * Does what each request asks at once but holds the answer back for {@code delay}, as a Slack that is
     * slow to answer (or a connection that breaks) does: a client that gives up first cannot know whether
     * its message was posted. {@link Duration#ZERO} answers at once again.
     */
    public void answerSlowly(Duration delay) {
        answerDelayMillis = delay.toMillis();
    }

    /** Closes the port: clients get "connection refused" until {@link #recover()}. */
    public synchronized void refuseConnections() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Back to normal: listening on the same port, answering normally. */
    public synchronized void recover() {
        fail(0, null, 0);
        if (server == null) {
            listen(port);
        }
    }

    @Override
    public synchronized void close() {
        refuseConnections();
    }

    private void fail(int status, @Nullable String error, int retryAfter) {
        this.refuseUploads = false;
        this.retryAfterSeconds = retryAfter;
        this.failError = error;
        this.failStatus = status;
    }

    private void api(HttpExchange exchange) throws IOException {
        String call = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (call.startsWith("conversations.")) {
            conversations(exchange, call, body);
            return;
        }
        if (call.startsWith("files.")) {
            files(exchange, call, body);
            return;
        }
        JsonNode json = parse(body);
        String channel = json == null ? null : json.path("channel").asString(null);
        String threadTs = json == null ? null : json.path("thread_ts").asString(null);
        String text = json == null ? null : json.path("text").asString(null);
        int status = failStatus;
        if (status == 503 || status == 429) {
            record(call, channel, threadTs, null, text, json, status, status == 503 ? "unavailable" : "ratelimited");
            answer(exchange, status, status == 503 ? "" : "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        String error = failError;
        List<String> details = List.of();
        String ts = null;
        if (error == null) {
            error = checkAuth(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        if (error == null && !call.equals("chat.postMessage") && !call.equals("chat.update")) {
            error = "unknown_method";
        }
        if (error == null && json == null) {
            error = "invalid_json";
        }
        if (error == null && (channel == null || channel.isBlank())) {
            error = "channel_not_found";
        }
        if (error == null) {
            error = checkContent(json);
            if ("invalid_blocks".equals(error)) {
                details = BlockKitRules.violations(json.path("blocks"));
            }
        }
        if (error == null && call.equals("chat.update")) {
            ts = json.path("ts").asString("");
            if (!messageTs.contains(ts)) {
                error = "message_not_found";
            }
        }
        if (error == null && call.equals("chat.postMessage") && !takeToken(channel)) {
            record(call, channel, threadTs, null, text, json, 429, "ratelimited");
            answer(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}", 1);
            return;
        }
        if (error == null && call.equals("chat.postMessage")) {
            ts = nextTs();
            messageTs.add(ts);
            synchronized (this) {
                stored.add(new Stored(channel, ts, threadTs, json.has("metadata") ? json.get("metadata") : null));
            }
        }
        record(call, channel, threadTs, ts, text, json, 200, error);
        delayAnswer();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", error == null);
        if (error != null) {
            answer.put("error", error);
            if (!details.isEmpty()) {
                answer.put("errors", details);
            }
        } else {
            answer.put("channel", channel);
            answer.put("ts", ts);
        }
        answer(exchange, 200, JSON.writeValueAsString(answer));
    }

    private void delayAnswer() {
        long delay = answerDelayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code conversations.history} and {@code conversations.replies} over form parameters: the messages of a
     * channel (or one thread) from {@code oldest} on, newest first, with their metadata when
     * {@code include_all_metadata} is true, paged by {@code limit} and an opaque {@code cursor}.
     */
    private void conversations(HttpExchange exchange, String call, String body) throws IOException {
        Map<String, String> form = form(body);
        String channel = form.get("channel");
        String error = failStatus == 503 || failStatus == 429 ? "unavailable" : failError;
        if (error == null) {
            error = checkAuth(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        if (error == null && !call.equals("conversations.history") && !call.equals("conversations.replies")) {
            error = "unknown_method";
        }
        if (error == null && (channel == null || channel.isBlank())) {
            error = "channel_not_found";
        }
        if (error == null && call.equals("conversations.replies") && !form.containsKey("ts")) {
            error = "thread_not_found";
        }
        record(call, channel, form.get("ts"), null, null, null, failStatus == 0 ? 200 : failStatus, error);
        if ("unavailable".equals(error)) {
            answer(exchange, failStatus, failStatus == 503 ? "" : "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        if (error != null) {
            answer(exchange, 200, JSON.writeValueAsString(Map.of("ok", false, "error", error)));
            return;
        }
        double oldest = Double.parseDouble(form.getOrDefault("oldest", "0"));
        boolean withMetadata = "true".equals(form.get("include_all_metadata"));
        String thread = form.get("ts");
        List<Stored> matching;
        synchronized (this) {
            matching = new ArrayList<>(stored.stream()
                    .filter(m -> m.channel().equals(channel) && Double.parseDouble(m.ts()) >= oldest)
                    .filter(m -> thread == null
                            ? m.threadTs() == null
                            : m.ts().equals(thread) || thread.equals(m.threadTs()))
                    .toList());
        }
        Collections.reverse(matching);
        int limit = Integer.parseInt(form.getOrDefault("limit", "100"));
        int from = Integer.parseInt(form.getOrDefault("cursor", "0"));
        List<Map<String, Object>> page = new ArrayList<>();
        for (Stored m : matching.subList(Math.min(from, matching.size()), Math.min(from + limit, matching.size()))) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "message");
            message.put("ts", m.ts());
            if (m.threadTs() != null) {
                message.put("thread_ts", m.threadTs());
            }
            if (withMetadata && m.metadata() != null) {
                message.put("metadata", m.metadata());
            }
            page.add(message);
        }
        String next = from + limit < matching.size() ? Integer.toString(from + limit) : "";
        answer(
                exchange,
                200,
                JSON.writeValueAsString(
                        Map.of("ok", true, "messages", page, "response_metadata", Map.of("next_cursor", next))));
    }

    /** The two Web API steps of an upload; form parameters, as Slack takes them for these methods. */
    private void files(HttpExchange exchange, String call, String body) throws IOException {
        Map<String, String> form = form(body);
        JsonNode recorded = JSON.valueToTree(form);
        String channel = form.get("channel_id");
        String threadTs = form.get("thread_ts");
        int status = failStatus;
        if (status == 503 || status == 429) {
            record(
                    call,
                    channel,
                    threadTs,
                    null,
                    null,
                    recorded,
                    status,
                    status == 503 ? "unavailable" : "ratelimited");
            answer(exchange, status, status == 503 ? "" : "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        String error = failError;
        if (error == null) {
            error = checkAuth(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (error == null && (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded"))) {
            error = "invalid_form_data";
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (error == null && call.equals("files.getUploadURLExternal")) {
            String filename = form.getOrDefault("filename", "");
            long length = parseLength(form.get("length"));
            if (filename.isBlank()) {
                error = "invalid_arguments";
            } else if (length <= 0) {
                error = "invalid_arguments";
            } else {
                String fileId = "F" + String.format("%010d", sequence.incrementAndGet());
                pendingUploads.put(fileId, Map.entry(filename, length));
                answer.put("upload_url", "http://127.0.0.1:" + port + "/upload/v1/" + fileId);
                answer.put("file_id", fileId);
            }
        } else if (error == null && call.equals("files.completeUploadExternal")) {
            error = complete(form, channel, threadTs);
            if (error == null) {
                answer.put(
                        "files", parse("{\"files\":" + form.get("files") + "}").path("files"));
            }
        } else if (error == null) {
            error = "unknown_method";
        }
        record(call, channel, threadTs, null, null, recorded, 200, error);
        answer.put("ok", error == null);
        if (error != null) {
            answer.put("error", error);
        }
        answer(exchange, 200, JSON.writeValueAsString(answer));
    }

    private synchronized @Nullable String complete(
            Map<String, String> form, @Nullable String channel, @Nullable String threadTs) {
        JsonNode files = parse("{\"files\":" + form.getOrDefault("files", "null") + "}");
        if (files == null
                || !files.path("files").isArray()
                || files.path("files").isEmpty()) {
            return "invalid_arguments";
        }
        if (channel == null || channel.isBlank()) {
            return "channel_not_found";
        }
        if (threadTs != null && !messageTs.contains(threadTs)) {
            return "invalid_thread_ts";
        }
        List<SharedFile> completed = new ArrayList<>();
        for (JsonNode file : files.path("files")) {
            String id = file.path("id").asString("");
            Map.Entry<String, Long> announced = pendingUploads.get(id);
            byte[] bytes = uploadedBytes.get(id);
            if (announced == null || bytes == null) {
                return "file_not_found";
            }
            if (bytes.length != announced.getValue()) {
                return "file_upload_size_mismatch";
            }
            completed.add(new SharedFile(
                    id, announced.getKey(), file.path("title").asString(announced.getKey()), channel, threadTs, bytes));
        }
        completed.forEach(f -> pendingUploads.remove(f.fileId()));
        shared.addAll(completed);
        return null;
    }

    /** The upload URL: takes the bytes of a file id handed out and not yet completed, without a token. */
    private void upload(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String fileId = exchange.getRequestURI().getPath().substring("/upload/v1/".length());
        int status = failStatus == 503 || failStatus == 429 ? failStatus : refuseUploads ? 503 : 200;
        if (status == 200 && (!"POST".equals(exchange.getRequestMethod()) || !pendingUploads.containsKey(fileId))) {
            status = 404;
        }
        if (status == 200) {
            uploadedBytes.put(fileId, bytes);
        }
        record("upload", null, null, null, null, null, status, status == 200 ? null : "upload_refused");
        answer(exchange, status, status == 200 ? "OK - " + bytes.length : "");
    }

    private static long parseLength(@Nullable String value) {
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private void webhook(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        JsonNode json = parse(body);
        String text = json == null ? null : json.path("text").asString(null);
        String threadTs = json == null ? null : json.path("thread_ts").asString(null);
        int status = failStatus;
        String error;
        if (status == 503 || status == 429) {
            error = status == 503 ? "unavailable" : "ratelimited";
        } else if (!Secrets.constantTimeEquals(WEBHOOK_PATH + webhookSecret, path)) {
            status = 404;
            error = "no_service";
        } else if (failError != null) {
            error = failError;
            status = webhookStatus(error);
        } else if (json == null || !"POST".equals(exchange.getRequestMethod())) {
            status = 400;
            error = "invalid_payload";
        } else {
            error = checkContent(json);
            status = error == null ? 200 : 400;
        }
        record("webhook", null, threadTs, null, text, json, status, error);
        if (error == null) {
            delayAnswer();
        }
        answer(exchange, status, error == null ? "ok" : status == 503 ? "" : error);
    }

    private void responseUrlPost(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            responsePosts.add(new ResponsePost(exchange.getRequestURI().getPath(), parse(body)));
        }
        answer(exchange, "POST".equals(exchange.getRequestMethod()) ? 200 : 405, "{\"ok\":true}");
    }

    private static int webhookStatus(String error) {
        return switch (error) {
            case "channel_not_found", "no_service" -> 404;
            case "channel_is_archived" -> 410;
            case "action_prohibited", "invalid_token", "team_disabled", "posting_to_general_channel_denied" -> 403;
            case "rollup_error" -> 500;
            default -> 400;
        };
    }

    private boolean takeToken(String channel) {
        int capacity = pacingCapacity;
        if (capacity <= 0) {
            return true;
        }
        return buckets.computeIfAbsent(channel, c -> new Bucket(capacity)).take();
    }

    /** A token bucket refilled by one token a second. */
    private static final class Bucket {
        private final int capacity;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int capacity) {
            this.capacity = capacity;
            this.tokens = capacity;
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private @Nullable String checkAuth(@Nullable String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "not_authed";
        }
        return Secrets.constantTimeEquals(botToken, authorization.substring("Bearer ".length()))
                ? null
                : "invalid_auth";
    }

    private static @Nullable String checkContent(JsonNode json) {
        String text = json.path("text").asString("");
        JsonNode blocks = json.path("blocks");
        if (text.isEmpty() && (blocks.isMissingNode() || blocks.isEmpty())) {
            return "no_text";
        }
        if (text.length() > BlockKitRules.MAX_MESSAGE_TEXT) {
            return "msg_too_long";
        }
        if (!blocks.isMissingNode() && !BlockKitRules.violations(blocks).isEmpty()) {
            return "invalid_blocks";
        }
        return null;
    }

    private static @Nullable JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private String nextTs() {
        // Slack's ts is the post's time in seconds, unique within the channel: history reads filter on it.
        return System.currentTimeMillis() / 1000 + "." + String.format("%06d", sequence.incrementAndGet());
    }

    private synchronized void record(
            String call,
            @Nullable String channel,
            @Nullable String threadTs,
            @Nullable String ts,
            @Nullable String text,
            @Nullable JsonNode body,
            int status,
            @Nullable String error) {
        requests.add(new Request(call, channel, threadTs, ts, text, body, status, error, System.nanoTime()));
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        answer(exchange, status, body, retryAfterSeconds);
    }

    private void answer(HttpExchange exchange, int status, String body, int retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (status == 429) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfter));
        }
        exchange.getResponseHeaders()
                .set("Content-Type", body.startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
