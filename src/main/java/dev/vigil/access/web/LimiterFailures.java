package dev.vigil.access.web;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs that the rate limiter could not reach its buckets, at most once a minute, so an outage cannot flood the log. */
final class LimiterFailures {

    private static final Logger log = LoggerFactory.getLogger(LimiterFailures.class);
    private static final long EVERY_NANOS = 60_000_000_000L;

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - EVERY_NANOS);

    void report(RuntimeException e) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            log.warn("Rate limits not applied (requests let through): the buckets are unreachable: {}", e.toString());
        }
    }
}
