package dev.vigil.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * HTTP ingest load against a running Vigil on loopback: {@code batch} posts NDJSON bodies of many Suricata
 * alerts, {@code single} posts one alert per request. Closed loop (each client waits for its answer before
 * sending the next), bounded by a duration and a request count; a 202 means the alerts were committed, so
 * alerts/s is durable throughput. Run by {@code bench/ingest.sh}; see docs/benchmarks.md.
 *
 * <pre>
 * IngestLoad --url=http://127.0.0.1:8080 --key=KEY --mode=batch|single [--clients=4] [--batch-size=1000]
 *            [--warmup=10] [--duration=30] [--max-requests=1000000]
 * </pre>
 */
public final class IngestLoad {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final long MAX_LATENCY_NANOS = Duration.ofMinutes(2).toNanos();

    private final URI endpoint;
    private final String key;
    private final int clients;
    private final int alertsPerRequest;
    private final HttpClient http;
    private final AtomicLong nextFlowId = new AtomicLong(System.currentTimeMillis() * 1000);

    private IngestLoad(URI endpoint, String key, int clients, int alertsPerRequest) {
        this.endpoint = endpoint;
        this.key = key;
        this.clients = clients;
        this.alertsPerRequest = alertsPerRequest;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String mode = required(options, "mode");
        URI base = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
        requireLoopback(base);
        int clients = Integer.parseInt(options.getOrDefault("clients", mode.equals("single") ? "16" : "4"));
        int batchSize = mode.equals("single") ? 1 : Integer.parseInt(options.getOrDefault("batch-size", "1000"));
        if (!mode.equals("single") && !mode.equals("batch")) {
            throw new IllegalArgumentException("--mode must be batch or single");
        }
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "10")));
        Duration duration = Duration.ofSeconds(Math.min(600, Long.parseLong(options.getOrDefault("duration", "30"))));
        long maxRequests = Long.parseLong(options.getOrDefault("max-requests", "1000000"));

        IngestLoad load = new IngestLoad(
                base.resolve("/api/v1/alerts?format=suricata"), required(options, "key"), clients, batchSize);
        if (!warmup.isZero()) {
            Result warm = load.run(warmup, maxRequests);
            System.out.printf(Locale.ROOT, "warm-up: %s%n", warm.summary(mode, clients, batchSize));
        }
        Result result = load.run(duration, maxRequests);
        System.out.printf(Locale.ROOT, "RESULT %s%n", result.summary(mode, clients, batchSize));
        if (!result.errors.isEmpty()) {
            System.out.println("errors: " + new TreeMap<>(result.errors));
        }
    }

    /** Runs the clients until the duration is over or the request budget is spent. */
    private Result run(Duration duration, long maxRequests) throws InterruptedException {
        Result result = new Result();
        AtomicLong budget = new AtomicLong(maxRequests);
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Histogram latencies = new Histogram(MAX_LATENCY_NANOS, 3);
            histograms.add(latencies);
            Thread client = new Thread(() -> {
                while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                    post(latencies, result);
                }
            });
            threads.add(client);
            client.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        result.elapsedNanos = System.nanoTime() - started;
        histograms.forEach(result.latencies::add);
        return result;
    }

    private void post(Histogram latencies, Result result) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body()))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            latencies.recordValue(Math.min(MAX_LATENCY_NANOS, System.nanoTime() - start));
            if (response.statusCode() == 202) {
                Matcher accepted = ACCEPTED.matcher(response.body());
                result.requests.increment();
                result.alerts.add(accepted.find() ? Long.parseLong(accepted.group(1)) : 0);
            } else {
                result.error("HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            result.error(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** NDJSON of Suricata EVE alerts, each with its own flow id. */
    private byte[] body() {
        long first = nextFlowId.getAndAdd(alertsPerRequest);
        StringBuilder body = new StringBuilder(alertsPerRequest * 360);
        for (long flowId = first; flowId < first + alertsPerRequest; flowId++) {
            body.append("{\"timestamp\":\"2018-03-24T03:10:58.735262+0000\",\"flow_id\":")
                    .append(flowId)
                    .append(",\"event_type\":\"alert\",\"src_ip\":\"10.0.")
                    .append(flowId >> 8 & 255)
                    .append('.')
                    .append(flowId & 255)
                    .append("\",\"src_port\":")
                    .append(1024 + flowId % 60000)
                    .append(",\"dest_ip\":\"203.0.113.9\",\"dest_port\":443,\"proto\":\"TCP\",\"alert\":")
                    .append("{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2013028,\"rev\":4,")
                    .append("\"signature\":\"ET POLICY curl User-Agent Outbound\",")
                    .append("\"category\":\"Attempted Information Leak\",\"severity\":")
                    .append(1 + flowId % 3)
                    .append("}}\n");
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Counters of one run; latencies of every answered request, errors by kind. */
    private static final class Result {
        final LongAdder requests = new LongAdder();
        final LongAdder alerts = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final Histogram latencies = new Histogram(MAX_LATENCY_NANOS, 3);
        long elapsedNanos;

        void error(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        String summary(String mode, int clients, int batchSize) {
            double seconds = elapsedNanos / 1e9;
            long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
            return String.format(
                    Locale.ROOT,
                    "mode=%s clients=%d alerts_per_request=%d seconds=%.1f requests=%d alerts=%d errors=%d"
                            + " alerts_per_s=%.0f requests_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f",
                    mode,
                    clients,
                    batchSize,
                    seconds,
                    requests.sum(),
                    alerts.sum(),
                    errorCount,
                    alerts.sum() / seconds,
                    requests.sum() / seconds,
                    millis(latencies.getValueAtPercentile(50)),
                    millis(latencies.getValueAtPercentile(99)),
                    millis(latencies.getMaxValue()));
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }

    /** Load is only ever pointed at this machine: a benchmark must not hammer someone's server by mistake. */
    private static void requireLoopback(URI base) throws IOException {
        if (base.getHost() == null || !InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("--url must name a loopback address, not " + base);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
