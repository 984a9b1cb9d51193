package dev.vigil.notify.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.VigilApplication;
import dev.vigil.access.ApiKeys;
import dev.vigil.access.Role;
import dev.vigil.notify.slack.FakeSlack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduled summary on two Vigil instances (two application contexts) sharing one PostgreSQL schema, as a
 * cluster shares its database, delivering to {@link FakeSlack} over real HTTP. The scheduler's clock is the
 * test's: it calls {@code runDue(now)} on the instances itself (their own schedule is off).
 */
class SummaryDeliveryIT {

    private static final String TOKEN = "xoxb-summary-test-token-5b1e";
    private static final String WEBHOOK_SECRET = "summary-webhook-secret-77c2";
    private static final String CHANNEL = "C0SUMMARY01";
    private static final int MAX_ATTEMPTS = 3;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private static FakeSlack slack;
    private static JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startTwoInstances() {
        slack = FakeSlack.start(TOKEN, WEBHOOK_SECRET);
        String schema =
                "vigil_sumsend_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        for (int i = 0; i < 2; i++) {
            instances.add(new SpringApplicationBuilder(VigilApplication.class)
                    .run(
                            "--server.port=0",
                            "--server.address=127.0.0.1",
                            "--spring.datasource.url=" + ServerSchemas.url(schema),
                            "--spring.datasource.username=" + ServerSchemas.USER,
                            "--spring.datasource.hikari.maximum-pool-size=4",
                            "--spring.flyway.schemas=" + schema,
                            "--spring.flyway.create-schemas=true",
                            "--vigil.access.create-first-admin-key=false",
                            "--vigil.triage.workers=0",
                            "--vigil.slack.bot-token=" + TOKEN,
                            "--vigil.slack.api-url=" + slack.apiUrl(),
                            "--vigil.slack.channel=C0GENERAL01",
                            "--vigil.summary.channel=" + CHANNEL,
                            "--vigil.summary.enabled=false",
                            "--vigil.summary.zone=Europe/Berlin",
                            "--vigil.summary.max-attempts=" + MAX_ATTEMPTS));
        }
        jdbc = instances.get(0).getBean(JdbcTemplate.class);
        SummaryFixture.insert(jdbc);
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (slack != null) {
            slack.close();
        }
    }

    private static SummaryScheduler scheduler(int instance) {
        return instances.get(instance).getBean(SummaryScheduler.class);
    }

    /** 08:00 in Berlin (UTC+1 in November) on the given day, plus a few seconds of scheduler lag. */
    private static Instant eight(String date) {
        return Instant.parse(date + "T07:00:03Z");
    }

    @Test
    void twoInstancesAtTheSameMomentSendExactlyOneSummaryWithItsChart() throws Exception {
        Instant monday = eight("2026-11-23");
        int posts = slack.postsTo(CHANNEL).size();
        int files = slack.sharedFiles().size();

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int instance = i;
                done.add(threads.submit(() -> {
                    together.await();
                    scheduler(instance).runDue(monday);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        // Later ticks of either instance change nothing.
        scheduler(0).runDue(monday.plusSeconds(30));
        scheduler(1).runDue(monday.plusSeconds(60));

        List<FakeSlack.Request> newPosts =
                slack.postsTo(CHANNEL).subList(posts, slack.postsTo(CHANNEL).size());
        assertThat(newPosts).hasSize(1);
        FakeSlack.Request post = newPosts.get(0);
        assertThat(post.text()).startsWith("Vigil summary 2026-11-20 08:00 CET to 2026-11-23 08:00 CET");
        assertThat(post.body().path("blocks").toString()).contains("Notable alerts");
        assertThat(slack.postsTo("C0GENERAL01")).isEmpty();

        List<FakeSlack.SharedFile> newFiles =
                slack.sharedFiles().subList(files, slack.sharedFiles().size());
        assertThat(newFiles).hasSize(1);
        FakeSlack.SharedFile chart = newFiles.get(0);
        assertThat(chart.channel()).isEqualTo(CHANNEL);
        assertThat(chart.threadTs()).isEqualTo(post.ts());
        assertThat(chart.filename()).isEqualTo("vigil-summary-2026-11-23-0800.png");
        assertThat(Arrays.copyOf(chart.bytes(), 8)).isEqualTo(PNG_MAGIC);

        // Monday covers the weekend: Friday 08:00 to Monday 08:00, local time.
        SummaryRun run = onlyScheduledRunEndingAt(monday.minusSeconds(3));
        assertThat(run.state()).isEqualTo(SummaryRun.State.SENT);
        assertThat(run.periodStart()).isEqualTo(Instant.parse("2026-11-20T07:00:00Z"));
        assertThat(run.slackTs()).isEqualTo(post.ts());
        assertThat(run.chartFileId()).isEqualTo(chart.fileId());
        assertThat(run.attempts()).isEqualTo(1);
    }

    @Test
    void aSummaryWhileSlackIsDownIsSentByTheOtherInstanceWhenItIsBack() {
        Instant tuesday = eight("2026-11-24");
        int posts = slack.postsTo(CHANNEL).size();
        slack.answerUnavailable();
        try {
            scheduler(0).runDue(tuesday);
            SummaryRun pending = onlyScheduledRunEndingAt(tuesday.minusSeconds(3));
            assertThat(pending.state()).isEqualTo(SummaryRun.State.PENDING);
            assertThat(pending.lastError()).contains("chat.postMessage").contains("HTTP 503");
            // First backoff: a minute (the default), not the five-minute lease.
            assertThat(pending.nextAttemptAt()).isEqualTo(tuesday.plus(Duration.ofMinutes(1)));

            scheduler(1).runDue(tuesday.plusSeconds(30));
            assertThat(onlyScheduledRunEndingAt(tuesday.minusSeconds(3)).attempts())
                    .isEqualTo(1);

            scheduler(1).runDue(tuesday.plusSeconds(61));
            SummaryRun second = onlyScheduledRunEndingAt(tuesday.minusSeconds(3));
            assertThat(second.attempts()).isEqualTo(2);
            // Doubled.
            assertThat(second.nextAttemptAt()).isEqualTo(tuesday.plusSeconds(61).plus(Duration.ofMinutes(2)));
        } finally {
            slack.recover();
        }
        scheduler(1).runDue(tuesday.plusSeconds(61 + 120));

        SummaryRun sent = onlyScheduledRunEndingAt(tuesday.minusSeconds(3));
        assertThat(sent.state()).isEqualTo(SummaryRun.State.SENT);
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(slack.postsTo(CHANNEL)).hasSize(posts + 1);
        // Tuesday covers 24 hours.
        assertThat(sent.periodStart()).isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
    }

    @Test
    void aRetryAfterTheMessageWasPostedOnlySharesTheChart() {
        Instant wednesday = eight("2026-11-25");
        int posts = slack.postsTo(CHANNEL).size();
        int files = slack.sharedFiles().size();
        slack.refuseUploads();
        try {
            scheduler(0).runDue(wednesday);
        } finally {
            slack.recover();
        }
        SummaryRun halfway = onlyScheduledRunEndingAt(wednesday.minusSeconds(3));
        assertThat(halfway.state()).isEqualTo(SummaryRun.State.PENDING);
        assertThat(halfway.slackTs()).isNotNull();
        assertThat(halfway.lastError()).contains("file upload");
        assertThat(slack.postsTo(CHANNEL)).hasSize(posts + 1);

        scheduler(1).runDue(wednesday.plus(Duration.ofMinutes(2)));

        assertThat(slack.postsTo(CHANNEL)).hasSize(posts + 1);
        assertThat(slack.sharedFiles()).hasSize(files + 1);
        assertThat(slack.sharedFiles().get(files).threadTs()).isEqualTo(halfway.slackTs());
        assertThat(onlyScheduledRunEndingAt(wednesday.minusSeconds(3)).state()).isEqualTo(SummaryRun.State.SENT);
    }

    @Test
    void afterMaxAttemptsTheRunIsMarkedFailedWithTheReason() {
        Instant thursday = eight("2026-11-26");
        slack.answerUnavailable();
        try {
            Instant now = thursday;
            scheduler(0).runDue(now);
            for (int i = 1; i < MAX_ATTEMPTS + 2; i++) {
                now = now.plus(Duration.ofHours(1));
                scheduler(i % 2).runDue(now);
            }
        } finally {
            slack.recover();
        }
        SummaryRun failed = onlyScheduledRunEndingAt(thursday.minusSeconds(3));
        assertThat(failed.state()).isEqualTo(SummaryRun.State.FAILED);
        assertThat(failed.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(failed.lastError())
                .isEqualTo("gave up after 3 attempts: chat.postMessage failed, may succeed later: HTTP 503");
    }

    @Test
    void aPermanentRefusalFailsAtOnce() {
        Instant friday = eight("2026-11-27");
        slack.answerError("channel_not_found");
        try {
            scheduler(1).runDue(friday);
        } finally {
            slack.recover();
        }
        SummaryRun failed = onlyScheduledRunEndingAt(friday.minusSeconds(3));
        assertThat(failed.state()).isEqualTo(SummaryRun.State.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("chat.postMessage was refused: channel_not_found");
    }

    @Test
    void noSummaryOnTheWeekendWhenWeekendsAreSkipped() {
        Instant saturday = eight("2026-11-28");
        scheduler(0).runDue(saturday);
        assertThat(jdbc.queryForObject(
                        "select count(*) from summary_run where period_end = ?",
                        Long.class,
                        java.sql.Timestamp.from(saturday.minusSeconds(3))))
                .isZero();
    }

    @Test
    void aManualSendIsAcceptedThenSentWithoutTakingTheScheduledPeriod() throws Exception {
        int posts = slack.postsTo(CHANNEL).size();
        String engineer = key(0, Role.ENGINEER);
        HttpResponse<String> refused = post(1, "/api/v1/reports/summary/send", key(0, Role.ANALYST));
        assertThat(refused.statusCode()).isEqualTo(403);

        HttpResponse<String> accepted =
                post(1, "/api/v1/reports/summary/send?from=2026-12-01T07:00:00Z&to=2026-12-02T07:00:00Z", engineer);
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode run = json.readTree(accepted.body());
        assertThat(run.path("kind").asString()).isEqualTo("MANUAL");
        assertThat(run.path("state").asString()).isEqualTo("PENDING");
        String id = run.path("id").asString();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/reports/summary/runs/" + id);

        JsonNode state = null;
        for (int i = 0; i < 100; i++) {
            state = json.readTree(
                    get(0, "/api/v1/reports/summary/runs/" + id, engineer).body());
            if (!state.path("state").asString().equals("PENDING")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(state.path("state").asString()).isEqualTo("SENT");
        assertThat(state.path("requestedBy").asString()).startsWith("key:");
        assertThat(slack.postsTo(CHANNEL)).hasSize(posts + 1);

        // The schedule still sends its own summary for the same period.
        scheduler(0).runDue(eight("2026-12-02"));
        assertThat(slack.postsTo(CHANNEL)).hasSize(posts + 2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from summary_run where period_end = '2026-12-02T07:00:00Z'", Long.class))
                .isEqualTo(2);
    }

    private SummaryRun onlyScheduledRunEndingAt(Instant end) {
        List<SummaryRun> runs = instances.get(0).getBean(SummaryRuns.class).recent(100).stream()
                .filter(r ->
                        r.kind() == SummaryRun.Kind.SCHEDULED && r.periodEnd().equals(end))
                .toList();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    private static String key(int instance, Role role) {
        return instances
                .get(instance)
                .getBean(ApiKeys.class)
                .create("summary send test " + UUID.randomUUID(), role)
                .key();
    }

    private HttpResponse<String> post(int instance, String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(instance, path))
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int instance, String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(instance, path))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int instance, String path) {
        String port = instances.get(instance).getEnvironment().getProperty("local.server.port");
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
