package dev.vigil.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.access.ratelimit.RateLimitBucket;
import dev.vigil.access.ratelimit.RateLimitProperties.Limit;
import dev.vigil.access.ratelimit.RateLimitProperties.Sync;
import dev.vigil.access.ratelimit.RateLimiter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one rate-limit decision costs against PostgreSQL, next to the cheapest round trip ({@code select 1})
 * on the same pool: T threads, each deciding in a closed loop for a few seconds, on one shared bucket (as
 * many sensors behind one key) or one bucket per thread. Exact mode (every decision settles with the
 * database, concurrent ones batched) and delayed mode (up to 100 tokens spent locally). Creates and drops
 * a schema of its own. See docs/benchmarks.md, "Rate limiter".
 *
 * <pre>RateLimiterLoad [jdbc-url] [user] [threads] [seconds]</pre>
 */
public final class RateLimiterLoad {

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test";
        String user = args.length > 1 ? args[1] : "postgres";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Duration each = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 5);
        String schema = "vigil_rl_bench_" + UUID.randomUUID().toString().substring(0, 8);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(user);
        config.setMaximumPoolSize(16);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create schema " + schema);
                s.execute("set search_path to " + schema);
                s.execute(Files.readString(Path.of("src/main/resources/db/migration/V4__rate_limits.sql")));
            }
            try {
                ProxyManager<String> buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(pool)
                        .primaryKeyMapper(io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper.STRING)
                        .table("rate_limit_bucket")
                        .build();
                Limit plenty = new Limit(1_000_000_000, Duration.ofSeconds(1));
                RateLimiter exact = new RateLimiter(buckets, new Sync(0, Duration.ofMillis(100), 100_000));
                RateLimiter delayed = new RateLimiter(buckets, new Sync(100, Duration.ofMillis(100), 100_000));

                run("select 1 (round-trip floor)", threads, each, t -> {
                    try (Connection c = pool.getConnection();
                            Statement s = c.createStatement()) {
                        s.execute("select 1");
                    }
                });
                for (int r = 0; r < 2; r++) {
                    int round = r;
                    String shared = "shared-" + round;
                    run(
                            "exact, one bucket for all threads",
                            threads,
                            each,
                            t -> exact.consume(new RateLimitBucket(shared, "x", plenty)));
                    run(
                            "exact, a bucket per thread",
                            threads,
                            each,
                            t -> exact.consume(new RateLimitBucket("own-" + round + "-" + t, "x", plenty)));
                    run(
                            "delayed (100 tokens), one bucket",
                            threads,
                            each,
                            t -> delayed.consume(new RateLimitBucket("d-" + shared, "x", plenty)));
                }
            } finally {
                try (Connection c = pool.getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("drop schema " + schema + " cascade");
                }
            }
        }
    }

    interface Step {
        void run(int thread) throws Exception;
    }

    private static void run(String name, int threads, Duration each, Step step) throws InterruptedException {
        LongAdder done = new LongAdder();
        long deadline = System.nanoTime() + each.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        step.run(thread);
                        done.increment();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double perSecond = done.sum() / (each.toNanos() / 1e9);
        System.out.printf(
                Locale.ROOT,
                "RESULT %-36s threads=%d decisions/s=%,.0f mean_ms=%.2f%n",
                name,
                threads,
                perSecond,
                threads * 1000.0 / perSecond);
    }
}
