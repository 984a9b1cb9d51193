package dev.vigil.respond.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CappedBodyTest {

    private static final class Subscription implements Flow.Subscription {
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void request(long n) {}

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    private static HttpResponse.BodySubscriber<String> body(long cap) {
        return CappedBody.handler(cap).apply(null);
    }

    @Test
    void anAnswerWithinTheBoundIsReadAsUtf8() throws Exception {
        HttpResponse.BodySubscriber<String> body = body(64);
        body.onSubscribe(new Subscription());
        body.onNext(List.of(ByteBuffer.wrap("{\"name\":".getBytes(StandardCharsets.UTF_8))));
        body.onNext(List.of(ByteBuffer.wrap("\"Zoë\"}".getBytes(StandardCharsets.UTF_8))));
        body.onComplete();

        assertThat(body.getBody().toCompletableFuture().get()).isEqualTo("{\"name\":\"Zoë\"}");
    }

    @Test
    void anAnswerPastTheBoundStopsTheReadAndFails() {
        HttpResponse.BodySubscriber<String> body = body(10);
        Subscription subscription = new Subscription();
        body.onSubscribe(subscription);
        body.onNext(List.of(ByteBuffer.wrap(new byte[6])));
        body.onNext(List.of(ByteBuffer.wrap(new byte[6])));

        assertThat(subscription.cancelled).isTrue();
        assertThatThrownBy(() -> body.getBody().toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CappedBody.AnswerTooLarge.class);
    }
}
