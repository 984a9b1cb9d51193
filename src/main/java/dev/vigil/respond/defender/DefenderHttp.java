package dev.vigil.respond.defender;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON calls to Defender and Graph for a tenant, with its bearer token, over the JDK client. It keeps under
 * Defender's quotas on its side, honours {@code Retry-After} on 429, retries 5xx and network errors with
 * exponential back-off and jitter up to {@code vigil.defender.max-retries}, fetches a fresh token once when
 * the API answers 401, and fails at once on other 4xx with Defender's own error code and message.
 */
public final class DefenderHttp {

    private static final Logger log = LoggerFactory.getLogger(DefenderHttp.class);

    /** Sent with every call and recorded in the audit log; Graph echoes it, Defender support can trace it. */
    public static final String REQUEST_ID_HEADER = "client-request-id";

    /** A bound on {@code @odata.nextLink} hops, so a server that links in a circle cannot keep Vigil busy. */
    static final int MAX_PAGES = 1_000;

    /** The most of one answer Vigil reads (Defender's legacy hunting cap is 124 MB). */
    static final long MAX_ANSWER_BYTES = 128L * 1024 * 1024;

    /** Defender's largest {@code $top}: its page size. */
    public static final int MAX_PAGE_SIZE = 10_000;

    private static final Pattern PAGING_PARAMETER = Pattern.compile("(?<=[?&])\\$(top|skip)=[0-9]*&?");

    private final DefenderProperties properties;
    private final EntraTokens tokens;
    private final HttpClient http;
    private final QuotaLimiter limiter;
    private final int pageSize;
    private final JsonMapper json = JsonMapper.builder().build();
    private final DefenderHealth health;

    public DefenderHttp(DefenderProperties properties, EntraTokens tokens, HttpClient http) {
        this(properties, tokens, http, MAX_PAGE_SIZE, new DefenderHealth(Clock.systemUTC()));
    }

    /**
     * @param pageSize the {@code $top} of each page of a Defender listing, at most {@value #MAX_PAGE_SIZE}
     * @param health where each call's outcome is noted for the status endpoint
     */
    public DefenderHttp(
            DefenderProperties properties, EntraTokens tokens, HttpClient http, int pageSize, DefenderHealth health) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("vigil.defender.page-size must be between 1 and " + MAX_PAGE_SIZE);
        }
        this.properties = properties;
        this.tokens = tokens;
        this.http = http;
        this.pageSize = pageSize;
        this.limiter = new QuotaLimiter(properties.maxWait());
        this.health = health;
    }

    /** Asks Entra ID for a Defender token (MSAL's cache answers while one is valid), and records the outcome. */
    public void checkToken(String tenant) {
        try {
            tokens.token(tenant, DefenderApi.DEFENDER);
            health.tokenObtained(tenant);
        } catch (TokenRequestFailed e) {
            health.tokenFailed(tenant, DefenderProblems.errorOf(e));
        }
    }

    /**
     * One call: its path under the API root (e.g. {@code api/machines?$top=10}), for writes a body, and any extra
     * request headers (Graph's {@code Prefer: include-unknown-enum-members}, say), sent on every page too.
     */
    public record Call(
            String tenant,
            DefenderApi api,
            DefenderQuota quota,
            String method,
            String path,
            @Nullable JsonNode body,
            String requestId,
            Map<String, String> headers,
            boolean repeatable) {

        public Call {
            headers = Map.copyOf(headers);
        }

        /** A call with extra headers, safe to repeat after a timeout or a 5xx. */
        public Call(
                String tenant,
                DefenderApi api,
                DefenderQuota quota,
                String method,
                String path,
                @Nullable JsonNode body,
                String requestId,
                Map<String, String> headers) {
            this(tenant, api, quota, method, path, body, requestId, headers, true);
        }

        /**
         * The same call, never repeated after a timeout or a 5xx (a 429 and a refused token are still retried:
         * Defender did nothing). For writes that would happen twice: a rule created, a comment added, a
         * live-response session started.
         */
        public Call once() {
            return new Call(tenant, api, quota, method, path, body, requestId, headers, false);
        }

        /** A call with no extra headers. */
        public Call(
                String tenant,
                DefenderApi api,
                DefenderQuota quota,
                String method,
                String path,
                @Nullable JsonNode body,
                String requestId) {
            this(tenant, api, quota, method, path, body, requestId, Map.of());
        }
    }

    /** The parsed body of a 2xx answer (null for 204 or an empty body). */
    public @Nullable JsonNode send(Call call) {
        return send(call, call.api().root(properties).resolve(call.path()));
    }

    /**
     * Every item of a collection, at most {@code limit}. Graph pages through {@code @odata.nextLink}; Defender
     * does not return it reliably (never when {@code $top} is given, external-apis §2.1), so its listings page
     * with {@code $top} and {@code $skip} until a short page. Any {@code $top}/{@code $skip} in the path is
     * replaced.
     */
    public List<JsonNode> collect(Call call, int limit) {
        return call.api() == DefenderApi.GRAPH ? followingLinks(call, limit) : skipping(call, limit);
    }

    private List<JsonNode> skipping(Call call, int limit) {
        List<JsonNode> items = new ArrayList<>();
        URI root = call.api().root(properties);
        String path = PAGING_PARAMETER.matcher(call.path()).replaceAll("");
        path = path.endsWith("?") || path.endsWith("&") ? path.substring(0, path.length() - 1) : path;
        String joiner = path.contains("?") ? "&" : "?";
        for (int page = 0; page < MAX_PAGES && items.size() < limit; page++) {
            int top = Math.min(pageSize, limit - items.size());
            URI uri = root.resolve(path + joiner + "$top=" + top + "&$skip=" + items.size());
            JsonNode values = values(call.tenant(), uri, send(call, uri));
            values.forEach(items::add);
            if (values.size() < top) {
                break;
            }
        }
        return items.size() > limit ? items.subList(0, limit) : items;
    }

    private List<JsonNode> followingLinks(Call call, int limit) {
        List<JsonNode> items = new ArrayList<>();
        URI root = call.api().root(properties);
        URI next = root.resolve(call.path());
        for (int page = 0; next != null && page < MAX_PAGES && items.size() < limit; page++) {
            JsonNode body = send(call, next);
            for (JsonNode item : values(call.tenant(), next, body)) {
                if (items.size() < limit) {
                    items.add(item);
                }
            }
            next = nextLink(call.tenant(), root, body);
        }
        return items;
    }

    private static JsonNode values(String tenant, URI uri, @Nullable JsonNode body) {
        if (body == null || !body.path("value").isArray()) {
            throw new MalformedDefenderResponse(
                    tenant,
                    "Defender answered " + uri.getPath() + " without a 'value' array",
                    new IllegalStateException("no value"));
        }
        return body.path("value");
    }

    /**
     * A Defender collection ({@code api/machines}, …) filtered by OData ({@code filter} null: all), at most
     * {@code top} items as Vigil's type, under the general quota. Defender answers 404, not an empty
     * collection, when nothing matches: that is an empty list here.
     */
    public <T> List<T> list(
            String tenant, String collection, @Nullable String filter, int top, Class<T> type, String requestId) {
        if (top < 1 || top > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("'top' must be between 1 and " + MAX_PAGE_SIZE);
        }
        StringBuilder path = new StringBuilder(collection).append("?$top=").append(top);
        if (filter != null && !filter.isBlank()) {
            path.append("&$filter=").append(OData.encode(filter));
        }
        List<JsonNode> items;
        try {
            items = collect(
                    new Call(
                            tenant,
                            DefenderApi.DEFENDER,
                            DefenderQuota.GENERAL,
                            "GET",
                            path.toString(),
                            null,
                            requestId),
                    top);
        } catch (DefenderApiError e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
        return items.stream().map(item -> read(tenant, item, type)).toList();
    }

    /** An item of an answer as Vigil's type; a shape Vigil cannot read is a malformed answer, not a 500. */
    public <T> T read(String tenant, JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new MalformedDefenderResponse(
                    tenant,
                    "Defender answered a " + type.getSimpleName() + " Vigil cannot read: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** One page of a collection, with the link to the next one ({@code null} on the last). */
    public record Page(JsonNode body, @Nullable String nextLink) {}

    /**
     * One page, for callers that store their progress page by page: {@code call.path()} is the first page's
     * path, or a {@link Page#nextLink()} this method returned. The body is checked only to be JSON; what it holds
     * is the caller's to check.
     */
    public Page page(Call call) {
        URI root = call.api().root(properties);
        URI uri = root.resolve(call.path());
        sameHost(call.tenant(), root, uri);
        JsonNode body = send(call, uri);
        if (body == null) {
            throw new MalformedDefenderResponse(
                    call.tenant(),
                    "Defender answered " + uri.getPath() + " without a body",
                    new IllegalStateException("no body"));
        }
        URI next = nextLink(call.tenant(), root, body);
        return new Page(body, next == null ? null : next.toString());
    }

    private @Nullable URI nextLink(String tenant, URI root, JsonNode body) {
        JsonNode link = body.get("@odata.nextLink");
        if (link == null || !link.isString() || link.asString().isBlank()) {
            return null;
        }
        URI next = root.resolve(link.asString());
        sameHost(tenant, root, next);
        return next;
    }

    /** The bearer token goes with the next request: only to the API host that issued the link. */
    private static void sameHost(String tenant, URI root, URI next) {
        if (!root.getScheme().equals(next.getScheme())
                || !root.getHost().equals(next.getHost())
                || next.getPort() != root.getPort()) {
            throw new MalformedDefenderResponse(
                    tenant,
                    "Defender's @odata.nextLink points to another host",
                    new IllegalStateException(String.valueOf(next.getHost())));
        }
    }

    /** One call, its outcome recorded in {@link DefenderHealth} for the status endpoint. */
    private @Nullable JsonNode send(Call call, URI uri) {
        try {
            JsonNode body = exchange(call, uri);
            health.answered(call.tenant(), null);
            return body;
        } catch (DefenderApiError e) {
            // Only a refusal of Vigil itself says something about the tenant; a 400 or 404 is about the request.
            boolean refusedVigil = e.status() == 401 || e.status() == 403;
            health.answered(call.tenant(), refusedVigil ? DefenderProblems.errorOf(e) : null);
            throw e;
        } catch (MalformedDefenderResponse e) {
            health.answered(call.tenant(), DefenderProblems.errorOf(e));
            throw e;
        } catch (TokenRequestFailed e) {
            health.tokenFailed(call.tenant(), DefenderProblems.errorOf(e));
            throw e;
        } catch (DefenderUnavailable e) {
            health.unreachable(call.tenant(), DefenderProblems.errorOf(e));
            throw e;
        }
    }

    private @Nullable JsonNode exchange(Call call, URI uri) {
        boolean refreshedToken = false;
        String token = tokens.token(call.tenant(), call.api());
        for (int attempt = 0; ; attempt++) {
            limiter.acquire(call.tenant(), call.quota());
            HttpResponse<String> response;
            try {
                response = http.send(request(call, uri, token), CappedBody.handler(MAX_ANSWER_BYTES));
            } catch (IOException e) {
                if (e instanceof CappedBody.AnswerTooLarge || e.getCause() instanceof CappedBody.AnswerTooLarge) {
                    throw new MalformedDefenderResponse(
                            call.tenant(),
                            "Defender's answer to " + uri.getPath() + " is larger than Vigil reads ("
                                    + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB); ask for fewer rows or items",
                            e);
                }
                if (!call.repeatable() && !notSent(e)) {
                    throw unknownOutcome(call, uri, e.getClass().getSimpleName());
                }
                if (attempt >= properties.maxRetries()) {
                    throw new DefenderUnavailable(
                            call.tenant(),
                            "Defender could not be reached after " + (attempt + 1) + " attempts: "
                                    + e.getClass().getSimpleName(),
                            e);
                }
                log.warn(
                        "Defender call {} for tenant {} failed ({}); retrying",
                        uri.getPath(),
                        call.tenant(),
                        e.getClass().getSimpleName());
                pause(call.tenant(), backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DefenderUnavailable(call.tenant(), "interrupted calling Defender", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(call.tenant(), uri, response.body());
            }
            if (status == 401 && !refreshedToken) {
                // Revoked, or signed with a rotated key: one fresh token, then the 401 stands.
                refreshedToken = true;
                token = tokens.freshToken(call.tenant(), call.api());
                attempt--;
                continue;
            }
            if (status >= 500 && !call.repeatable()) {
                throw unknownOutcome(call, uri, "HTTP " + status);
            }
            if (status == 429 || status >= 500) {
                if (attempt >= properties.maxRetries()) {
                    throw new DefenderUnavailable(
                            call.tenant(),
                            "Defender answered " + status + " to " + (attempt + 1) + " attempts at " + uri.getPath(),
                            null);
                }
                Duration wait = status == 429 ? retryAfter(call.tenant(), response) : backoff(attempt);
                log.info(
                        "Defender answered {} for tenant {} at {}; retrying in {} ms",
                        status,
                        call.tenant(),
                        uri.getPath(),
                        wait.toMillis());
                pause(call.tenant(), wait);
                continue;
            }
            throw apiError(call.tenant(), status, response.body());
        }
    }

    /** A failure to connect: the request never left, so even a call that must not be repeated may be. */
    private static boolean notSent(IOException e) {
        return e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException;
    }

    /**
     * A call that must not run twice (creating a rule, adding a comment, starting live response) met a
     * timeout or a 5xx: Defender may have carried it out, so Vigil does not repeat it and says so.
     */
    private static DefenderUnavailable unknownOutcome(Call call, URI uri, String what) {
        return new DefenderUnavailable(
                call.tenant(),
                "no answer from Defender to " + call.method() + " " + uri.getPath() + " (" + what
                        + "); it may or may not have been carried out, and is not repeated: check before trying"
                        + " again",
                null);
    }

    private HttpRequest request(Call call, URI uri, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header(REQUEST_ID_HEADER, call.requestId());
        call.headers().forEach(builder::header);
        if (call.body() != null) {
            builder.header("Content-Type", "application/json; charset=utf-8")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(json.writeValueAsString(call.body())));
        } else {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private @Nullable JsonNode parse(String tenant, URI uri, @Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedDefenderResponse(
                    tenant, "Defender answered " + uri.getPath() + " with a body that is not JSON", e);
        }
    }

    /** Defender's {@code {"error": {"code", "message", "target"}}}, or the status when the body is not that. */
    private DefenderApiError apiError(String tenant, int status, @Nullable String body) {
        JsonNode error = null;
        try {
            error = body == null || body.isBlank() ? null : json.readTree(body).get("error");
        } catch (JacksonException e) {
            // Not JSON (a proxy's HTML page): the status alone speaks.
        }
        if (error == null || !error.isObject()) {
            return new DefenderApiError(tenant, status, "HTTP" + status, "no Defender error body", null);
        }
        String target = error.path("target").isString() ? error.path("target").asString() : null;
        return new DefenderApiError(
                tenant,
                status,
                error.path("code").asString("HTTP" + status),
                error.path("message").asString(""),
                target);
    }

    private Duration retryAfter(String tenant, HttpResponse<String> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        Duration wait;
        try {
            wait = header.map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
                    .orElse(backoff(0));
        } catch (NumberFormatException e) {
            wait = backoff(0);
        }
        if (wait.compareTo(properties.maxWait()) > 0) {
            throw new DefenderUnavailable(
                    tenant,
                    "Defender throttled tenant '" + tenant + "' for " + wait.toSeconds()
                            + " s, longer than vigil.defender.max-wait",
                    null);
        }
        return wait;
    }

    /** Exponential back-off with jitter: between half and all of base·2^attempt, capped at max-wait. */
    Duration backoff(int attempt) {
        long ceiling = Math.min(
                properties.maxWait().toMillis(), properties.retryBackoff().toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private static void pause(String tenant, Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DefenderUnavailable(tenant, "interrupted waiting to retry Defender", e);
        }
    }
}
