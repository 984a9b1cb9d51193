package dev.vigil.respond.defender.live;

/** A live-response session refused because the tenant's limits are used up: a 429 with {@code Retry-After}. */
final class TooManySessions extends RuntimeException {

    private final long retryAfterSeconds;

    TooManySessions(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
