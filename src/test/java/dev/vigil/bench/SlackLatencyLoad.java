package dev.vigil.bench;

import dev.vigil.ServerSchemas;
import dev.vigil.VigilApplication;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import dev.vigil.notify.slack.FakeSlack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Time from an alert's {@code 202} to its Slack message arriving at the fake Slack, at a fixed arrival rate.
 * Vigil runs in this JVM (on a fresh schema of the PostgreSQL server), the fake Slack too, with Slack's
 * per-channel pacing (bursts of 3, then 1 per second) switched on; the sender is open-loop (one single-alert
 * POST every 1/rate seconds, whatever the answers do), so queueing shows in the figures. A share of the
 * alerts is high risk (Defender "High", credential theft: a message), spread over tenants routed to channels
 * of their own; the rest are informational (summary only). See docs/benchmarks.md, "Slack latency".
 *
 * <pre>SlackLatencyLoad [rate=100] [seconds=60] [high-share=0.1] [channels=10] [warmup-seconds=15]</pre>
 */
public final class SlackLatencyLoad {

    private static final String TOKEN = "xoxb-fake-slack-token-7c1e5b";
    private static final Pattern MARK = Pattern.compile("#lat-(\\d+)!");

    /** Alerts of the measured phase are numbered from here, so warm-up messages never match them. */
    private static final int MEASURED = 10_000_000;

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        double highShare = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
        int channels = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 15;

        FakeSlack slack = FakeSlack.start(TOKEN, "fakeWebhookSecret9f2d7a");
        slack.paceChannels(3);
        String schema = "vigil_lat_bench_" + UUID.randomUUID().toString().substring(0, 8);
        List<String> properties = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + ServerSchemas.url(schema),
                "--spring.datasource.username=" + ServerSchemas.USER,
                "--spring.flyway.schemas=" + schema,
                "--spring.flyway.create-schemas=true",
                "--vigil.access.create-first-admin-key=false",
                "--vigil.slack.bot-token=" + TOKEN,
                "--vigil.slack.api-url=" + slack.apiUrl(),
                "--vigil.slack.channel=C0SOC",
                "--logging.level.dev.vigil=WARN",
                "--logging.level.dev.vigil.notify=INFO"));
        for (int c = 0; c < channels; c++) {
            properties.add("--vigil.notify.routes[" + c + "].tenant=tenant-" + c);
            properties.add("--vigil.notify.routes[" + c + "].channel=C0LAT" + c);
        }
        ConfigurableApplicationContext vigil =
                SpringApplication.run(VigilApplication.class, properties.toArray(String[]::new));
        try {
            int port = Integer.parseInt(vigil.getEnvironment().getProperty("local.server.port"));
            String key = vigil.getBean(ApiKeys.class)
                    .create("latency bench", Role.ANALYST)
                    .key();
            Load load = new Load(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts"), key, highShare, channels);
            System.out.printf(Locale.ROOT, "warm-up: %d s at %d alerts/s%n", warmup, rate);
            load.run(rate, warmup, 0);
            Thread.sleep(3_000);
            int before = slack.requests().size();
            System.out.printf(
                    Locale.ROOT,
                    "measuring: %d s at %d alerts/s, %.0f %% high, %d channels%n",
                    seconds,
                    rate,
                    highShare * 100,
                    channels);
            Load.Result sent = load.run(rate, seconds, MEASURED);
            Thread.sleep(10_000);
            report(sent, slack.requests().subList(before, slack.requests().size()), vigil);
        } finally {
            vigil.close();
            slack.close();
            new JdbcTemplate(new DriverManagerDataSource(ServerSchemas.url(schema), ServerSchemas.USER, ""))
                    .execute("drop schema " + schema + " cascade");
        }
        // The load's HTTP client threads would keep the JVM alive.
        System.exit(0);
    }

    private static void report(
            Load.Result sent, List<FakeSlack.Request> requests, ConfigurableApplicationContext vigil) {
        List<Long> latencies = new ArrayList<>();
        int rateLimited = 0;
        for (FakeSlack.Request r : requests) {
            if (r.status() == 429) {
                rateLimited++;
            }
            if (!r.accepted() || !r.call().equals("chat.postMessage") || r.text() == null) {
                continue;
            }
            Matcher m = MARK.matcher(r.text());
            if (m.find()) {
                Long acceptedAt = sent.acceptedAt().get(Integer.parseInt(m.group(1)));
                if (acceptedAt != null) {
                    latencies.add(r.receivedNanos() - acceptedAt);
                }
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "alerts sent: %d (202: %d, errors: %d), high: %d, messages arrived: %d," + " 429s from the fake: %d%n",
                sent.sent(),
                sent.acceptedAt().size(),
                sent.errors(),
                sent.high(),
                sorted.length,
                rateLimited);
        if (sorted.length > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "202 -> Slack: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    ms(percentile(sorted, 0.50)),
                    ms(percentile(sorted, 0.90)),
                    ms(percentile(sorted, 0.99)),
                    ms(sorted[sorted.length - 1]));
        }
        Long backlog = vigil.getBean(JdbcTemplate.class)
                .queryForObject("select count(*) from notification where state = 'PENDING'", Long.class);
        System.out.println("outbox backlog at the end: " + backlog);
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** An open-loop sender: one POST every 1/rate s on a timer, answers handled as they come. */
    private static final class Load {
        private final URI endpoint;
        private final String key;
        private final double highShare;
        private final int channels;
        private final HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .build();

        record Result(int sent, int high, int errors, Map<Integer, Long> acceptedAt) {}

        Load(URI endpoint, String key, double highShare, int channels) {
            this.endpoint = endpoint;
            this.key = key;
            this.highShare = highShare;
            this.channels = channels;
        }

        Result run(int rate, int seconds, int firstNumber) throws InterruptedException {
            int total = rate * seconds;
            Map<Integer, Long> acceptedAt = new ConcurrentHashMap<>();
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger high = new AtomicInteger();
            CountDownLatch answered = new CountDownLatch(total);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger next = new AtomicInteger();
            long period = 1_000_000_000L / rate;
            timer.scheduleAtFixedRate(
                    () -> {
                        int n = next.getAndIncrement();
                        if (n >= total) {
                            return;
                        }
                        // Every 1/highShare-th alert is high risk, spread evenly over time and channels.
                        boolean isHigh = Math.floor((n + 1) * highShare) > Math.floor(n * highShare);
                        // High alerts take the channels in turn, so each gets rate × share / channels a second.
                        int tenant = isHigh ? high.getAndIncrement() % channels : n % channels;
                        int id = firstNumber + n;
                        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?tenant=tenant-" + tenant))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(alert(id, isHigh)))
                                .build();
                        http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                                .whenComplete((response, error) -> {
                                    long at = System.nanoTime();
                                    if (error == null && response.statusCode() == 202) {
                                        acceptedAt.put(id, at);
                                    } else {
                                        errors.incrementAndGet();
                                    }
                                    answered.countDown();
                                });
                    },
                    0,
                    period,
                    TimeUnit.NANOSECONDS);
            answered.await(seconds + 60L, TimeUnit.SECONDS);
            timer.shutdownNow();
            return new Result(total, high.get(), errors.get(), new HashMap<>(acceptedAt));
        }

        private static String alert(int n, boolean high) {
            String title =
                    high ? "Mimikatz credential theft #lat-" + n + "!" : "Informational sign-in notice #lat-" + n + "!";
            return """
                    {"id":"da%s","severity":"%s","status":"New","category":"%s","title":"%s",\
                    "alertCreationTime":"2026-11-21T08:00:00Z","machineId":"7e4f5061","computerDnsName":"ws-%d",\
                    "relatedUser":{"userName":"alice","domainName":"CONTOSO"}}""".formatted(
                            UUID.randomUUID(),
                            high ? "High" : "Informational",
                            high ? "CredentialAccess" : "SuspiciousActivity",
                            title,
                            n);
        }
    }

    private SlackLatencyLoad() {}
}
