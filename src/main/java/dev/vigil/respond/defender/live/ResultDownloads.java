package dev.vigil.respond.defender.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches a command's result from the blob host Defender's link points to. The link's query string is a
 * shared-access signature: it is the only credential sent (never Vigil's bearer token) and it never appears in
 * a log, an error message or the audit log; only scheme, host and path may. Bodies beyond the cap are refused.
 */
final class ResultDownloads {

    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;

    ResultDownloads(HttpClient http, Duration timeout, long maxBytes) {
        this.http = http;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    byte[] get(String link) {
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new UnreadableAnswer("Defender's result link is not a URL");
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw new UnreadableAnswer("Defender's result link is not an http(s) URL");
        }
        String shown = shown(uri);
        HttpResponse<InputStream> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UnreadableAnswer(
                    "downloading " + shown + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreadableAnswer("interrupted downloading " + shown);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new UnreadableAnswer("downloading " + shown + " answered " + response.statusCode());
            }
            long declared =
                    response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw tooLarge(shown);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
                if (out.size() + (long) n > maxBytes) {
                    throw tooLarge(shown);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UnreadableAnswer(
                    "reading " + shown + " failed: " + e.getClass().getSimpleName());
        }
    }

    private UnreadableAnswer tooLarge(String shown) {
        return new UnreadableAnswer(
                shown + " is larger than vigil.defender.live-response.max-download (" + maxBytes + " bytes)");
    }

    /** The link without its query string (the signature) and fragment. */
    static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
