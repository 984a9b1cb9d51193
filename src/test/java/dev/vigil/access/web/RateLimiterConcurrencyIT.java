package dev.vigil.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.access.ratelimit.RateLimitBucket;
import dev.vigil.access.ratelimit.RateLimitDecision;
import dev.vigil.access.ratelimit.RateLimitProperties.Limit;
import dev.vigil.access.ratelimit.RateLimitProperties.Sync;
import dev.vigil.access.ratelimit.RateLimiter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limiter itself under contention, on a real PostgreSQL: many threads released at once on buckets
 * that have no row yet. Bucket4j 8.18 batches such concurrent first requests and fails all but one with
 * "bucket does not exist"; RateLimiter must still answer every one, and count each exactly once.
 */
class RateLimiterConcurrencyIT {

    private static final int THREADS = 16;

    private static EmbeddedPostgres database;
    private static HikariDataSource pool;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedPostgres.start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(THREADS);
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("src/main/resources/db/migration/V4__rate_limits.sql")));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        database.close();
    }

    @Test
    void concurrentFirstRequestsOnNewBucketsAreAllAnsweredAndCountedOnce() throws Exception {
        RateLimiter limiter = new RateLimiter(
                new RateLimitConfiguration().rateLimitBuckets(pool), new Sync(0, Duration.ofMillis(100), 1000));
        Limit limit = new Limit(1000, Duration.ofHours(1));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 20; round++) {
                RateLimitBucket bucket = new RateLimitBucket("race-" + round, "analyst", limit);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<RateLimitDecision>> decisions = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    decisions.add(threads.submit(() -> {
                        go.await();
                        return limiter.consume(bucket);
                    }));
                }
                go.countDown();
                List<Long> remaining = new ArrayList<>();
                for (Future<RateLimitDecision> decision : decisions) {
                    assertThat(decision.get().allowed()).isTrue();
                    remaining.add(decision.get().remaining());
                }
                assertThat(remaining).as("round %d", round).doesNotHaveDuplicates();
                assertThat(limiter.consume(bucket).remaining()).isEqualTo(1000 - THREADS - 1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
