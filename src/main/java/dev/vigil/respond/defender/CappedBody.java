package dev.vigil.respond.defender;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A response body read as UTF-8 text, but never more than a bound: a hunting answer of 100,000 wide rows, or
 * a misbehaving proxy, stops the read with an {@link AnswerTooLarge} instead of filling the heap.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {

    /** Thrown (as the cause of the client's IOException) when an answer passes the bound. */
    static final class AnswerTooLarge extends IOException {
        AnswerTooLarge(long bound) {
            super("the answer is larger than " + bound / (1024 * 1024) + " MiB");
        }
    }

    static HttpResponse.BodyHandler<String> handler(long maxBytes) {
        return info -> new CappedBody(maxBytes);
    }

    private final long maxBytes;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    private Flow.@Nullable Subscription subscription;

    private CappedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            if (bytes.size() + (long) item.remaining() > maxBytes) {
                // Failed first, then cancelled: the client must see this failure, not the cancellation.
                result.completeExceptionally(new AnswerTooLarge(maxBytes));
                if (subscription != null) {
                    subscription.cancel();
                }
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toString(StandardCharsets.UTF_8));
    }
}
