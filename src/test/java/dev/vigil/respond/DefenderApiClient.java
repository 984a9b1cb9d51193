package dev.vigil.respond;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vigil's HTTP API as the integration tests call it: real HTTP to the test server's port, an API key as
 * {@code Authorization: Bearer}, bodies written as JSON. Paths are relative to the client's root: a tenant's
 * {@code /api/v1/defender/<tenant>} ({@link #tenant}) or the server's root ({@link #server}).
 */
public final class DefenderApiClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String root;

    private DefenderApiClient(String root) {
        this.root = root;
    }

    /** Paths below {@code /api/v1/defender/<tenant>} of the server on the port. */
    public static DefenderApiClient tenant(int port, String tenant) {
        return new DefenderApiClient("http://localhost:" + port + "/api/v1/defender/" + tenant);
    }

    /** Paths below {@code /api/v1/defender/contoso}, the tenant {@link FakeDefender#register} configures. */
    public static DefenderApiClient contoso(int port) {
        return tenant(port, "contoso");
    }

    /** Whole paths from the server's root, such as {@code /api/v1/status}. */
    public static DefenderApiClient server(int port) {
        return new DefenderApiClient("http://localhost:" + port);
    }

    public HttpResponse<String> get(String path, @Nullable String key) throws Exception {
        return send("GET", path, null, key);
    }

    public HttpResponse<String> post(String path, @Nullable Object body, @Nullable String key) throws Exception {
        return send("POST", path, body, key);
    }

    public HttpResponse<String> put(String path, @Nullable Object body, @Nullable String key) throws Exception {
        return send("PUT", path, body, key);
    }

    public HttpResponse<String> delete(String path, @Nullable String key) throws Exception {
        return send("DELETE", path, null, key);
    }

    /** Any method; a null body sends none (and no Content-Type), a null key no Authorization. */
    public HttpResponse<String> send(String method, String path, @Nullable Object body, @Nullable String key)
            throws Exception {
        return HTTP.send(request(method, path, body, key), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose answer is kept as bytes: downloads. */
    public HttpResponse<byte[]> getBytes(String path, @Nullable String key) throws Exception {
        return HTTP.send(request("GET", path, null, key), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The answer's body as JSON. */
    public JsonNode read(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String method, String path, @Nullable Object body, @Nullable String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }
}
