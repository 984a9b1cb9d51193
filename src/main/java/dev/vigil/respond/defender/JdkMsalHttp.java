package dev.vigil.respond.defender;

import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * MSAL's token requests over the JDK client Vigil uses for Defender, so both share the timeout and the trust
 * store (a TLS-inspecting proxy's CA, or a test's loopback certificate).
 */
final class JdkMsalHttp implements IHttpClient {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final HttpClient http;
    private final Duration timeout;

    JdkMsalHttp(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public IHttpResponse send(com.microsoft.aad.msal4j.HttpRequest request) throws Exception {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(request.url().toString())).timeout(timeout);
        if (request.headers() != null) {
            request.headers().forEach((name, value) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && value != null) {
                    builder.header(name, value);
                }
            });
        }
        String body = request.body();
        builder.method(
                request.httpMethod().name(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        java.net.http.HttpResponse<String> response =
                http.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        HttpResponse answer =
                new HttpResponse().statusCode(response.statusCode()).body(response.body());
        answer.addHeaders(response.headers().map());
        return answer;
    }
}
