package dev.vigil.respond.defender.live;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Fetches a command's result from the blob host Defender's link points to. The link's query string is a
 * shared-access signature: it is the only credential sent (never Vigil's bearer token) and it never appears in
 * a log, an error message or the audit log; only scheme, host and path may. Bodies beyond the cap are refused,
 * and the whole download, body included, must finish within {@code download-timeout}.
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
        Capped capped = new Capped(maxBytes, () -> tooLarge(shown));
        // The request's timeout bounds only the wait for the headers; the deadline below bounds the whole
        // download, body included, so that a host that stalls (or dribbles) mid-body cannot hold the poller.
        CompletableFuture<HttpResponse<byte[]>> download = http.sendAsync(
                HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                info -> info.statusCode() == 200 ? capped.checked(info) : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = download.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort(download, capped);
            throw new UnreadableAnswer("downloading " + shown
                    + " took longer than vigil.defender.live-response.download-timeout (" + timeout + ")");
        } catch (InterruptedException e) {
            abort(download, capped);
            Thread.currentThread().interrupt();
            throw new UnreadableAnswer("interrupted downloading " + shown);
        } catch (ExecutionException e) {
            if (capped.tooBig) {
                // Refusing the rest cancels the exchange; the client may report that before the refusal.
                throw tooLarge(shown);
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof UnreadableAnswer unreadable) {
                    throw unreadable;
                }
            }
            Throwable cause =
                    e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                            ? e.getCause().getCause()
                            : e.getCause();
            throw new UnreadableAnswer("downloading " + shown + " failed: "
                    + (cause == null ? "unknown" : cause.getClass().getSimpleName()));
        }
        if (response.statusCode() != 200) {
            throw new UnreadableAnswer("downloading " + shown + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Stops a download past its deadline: the exchange is cancelled and the body no longer read. */
    private static void abort(CompletableFuture<?> download, Capped capped) {
        download.cancel(true);
        capped.cancel();
    }

    /** Collects the body in memory, refusing it (and reading no further) once it passes the cap. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {

        private final long maxBytes;
        private final Supplier<UnreadableAnswer> tooLarge;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final AtomicReference<Flow.@Nullable Subscription> subscription = new AtomicReference<>();
        private volatile boolean cancelled;
        volatile boolean tooBig;

        Capped(long maxBytes, Supplier<UnreadableAnswer> tooLarge) {
            this.maxBytes = maxBytes;
            this.tooLarge = tooLarge;
        }

        /** This subscriber, or one already refused when the declared length passes the cap. */
        HttpResponse.BodySubscriber<byte[]> checked(HttpResponse.ResponseInfo info) {
            if (info.headers().firstValueAsLong("Content-Length").orElse(-1) > maxBytes) {
                tooBig = true;
                body.completeExceptionally(tooLarge.get());
            }
            return this;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            if (body.isDone() || cancelled) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (out.size() + (long) item.remaining() > maxBytes) {
                    tooBig = true;
                    body.completeExceptionally(tooLarge.get());
                    cancel();
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription.get();
            if (s != null) {
                s.cancel();
            }
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
