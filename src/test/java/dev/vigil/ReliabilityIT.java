package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durability promise end to end: Vigil is killed with SIGKILL while clients post alerts and the triage
 * workers hold open transactions, then restarted on the same data directory. Every alert whose post got a
 * 202 must be stored and triaged exactly once, and no alert at all may be triaged twice.
 */
class ReliabilityIT {

    private static final Logger log = LoggerFactory.getLogger(ReliabilityIT.class);
    private static final int CLIENTS = 2;
    private static final int ALERTS_PER_POST = 20;
    private static final int ACCEPTED_POSTS_BEFORE_KILL = 30;
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicLong nextFlowId = new AtomicLong(System.currentTimeMillis() % 1_000_000L * 1_000_000L);
    private final List<VigilProcess> started = new ArrayList<>();

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (VigilProcess vigil : started) {
            vigil.stop(Duration.ofSeconds(45));
        }
        VigilProcess.stopLeftoverPostgres(dataDir);
    }

    /** What dies: the service alone (its postmaster is then stopped by the next start), or the whole machine. */
    enum Crash {
        SERVICE,
        SERVICE_AND_POSTGRES
    }

    @ParameterizedTest
    @EnumSource(Crash.class)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyAlertAcceptedBeforeAKillIsStoredAndTriagedExactlyOnce(Crash crash) throws Exception {
        VigilProcess first = launch("first.log");
        first.awaitHealthy(http, STARTUP);
        String key = first.awaitAdminKey(STARTUP);
        requireSuricataAccepted(first, key);

        Posts posts = new Posts();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(() -> posts.keepPosting(first, key), "poster-" + i);
            clients.add(client);
            client.start();
        }
        await("accepted posts before the kill")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> posts.accepted.size() >= ACCEPTED_POSTS_BEFORE_KILL);

        String atKill = killWhileBusy(first, posts, crash);
        for (Thread client : clients) {
            client.join(15_000);
        }
        log.info(
                "{}: killed Vigil (pid {}) {}; posts: {} accepted ({} alerts), {} unknown (no answer), {} refused",
                crash,
                first.pid(),
                atKill,
                posts.accepted.size(),
                posts.acceptedIds().size(),
                posts.unknown.size(),
                posts.refused.size());

        VigilProcess second = launch("second.log");
        second.awaitHealthy(http, STARTUP);
        await("triage of everything that was stored")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count(second, "select count(*) from work_item") == 0);

        try (Connection db = second.database()) {
            assertExactlyOnce(db, posts);
        }
    }

    /** Fails with a clear message while the Suricata parser is still a stub that refuses everything. */
    private void requireSuricataAccepted(VigilProcess vigil, String key) throws Exception {
        HttpResponse<String> probe = post(vigil, key, batch(1).body());
        assertThat(probe.statusCode())
                .as("a Suricata EVE alert must be accepted for this test to mean anything: %s", probe.body())
                .isEqualTo(202);
    }

    /**
     * Kills at a moment when a post is in flight and a triage worker has a transaction open, so both the
     * ingest and the queue are cut mid-work; gives up waiting for that moment after a few seconds.
     */
    private String killWhileBusy(VigilProcess vigil, Posts posts, Crash crash) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        // The connection is closed right after the kill: the orphaned postmaster's smart shutdown waits for it.
        try (Connection db = vigil.database();
                Statement query = db.createStatement()) {
            while (true) {
                long backlog = single(query, "select count(*) from work_item");
                long triaging = single(query, """
                        select count(*) from pg_stat_activity
                        where pid <> pg_backend_pid() and xact_start is not null
                          and (query ilike '%skip locked%' or query ilike 'update alert set risk_score%'
                               or query ilike 'delete from work_item%')""");
                int inFlight = posts.inFlight.get();
                boolean busy = triaging > 0 && inFlight > 0;
                if (busy || Instant.now().isAfter(deadline)) {
                    posts.stop();
                    if (crash == Crash.SERVICE_AND_POSTGRES) {
                        VigilProcess.killPostgresWith(vigil);
                    } else {
                        vigil.kill();
                    }
                    return "with %d post(s) in flight, %d open triage transaction(s), %d work items waiting%s"
                            .formatted(inFlight, triaging, backlog, busy ? "" : " (gave up waiting for both)");
                }
            }
        }
    }

    private void assertExactlyOnce(Connection db, Posts posts) throws SQLException {
        Map<UUID, Stored> stored = new HashMap<>();
        List<Long> flowIds = new ArrayList<>();
        try (Statement query = db.createStatement();
                ResultSet rows = query.executeQuery(
                        "select id, status, triage_runs, (raw::jsonb ->> 'flow_id')::bigint as flow_id from alert")) {
            while (rows.next()) {
                stored.put(
                        rows.getObject("id", UUID.class),
                        new Stored(rows.getString("status"), rows.getInt("triage_runs")));
                flowIds.add(rows.getLong("flow_id"));
            }
        }
        assertThat(posts.anomalies).as("odd 202 answers").isEmpty();
        List<UUID> accepted = posts.acceptedIds();
        assertThat(accepted).as("ids in 202 answers").doesNotHaveDuplicates();

        List<UUID> lost =
                accepted.stream().filter(id -> !stored.containsKey(id)).toList();
        assertThat(lost).as("alerts that got a 202 but are not stored").isEmpty();
        List<UUID> notOnce =
                accepted.stream().filter(id -> stored.get(id).triageRuns() != 1).toList();
        assertThat(notOnce).as("accepted alerts not triaged exactly once").isEmpty();
        List<UUID> notTriaged = accepted.stream()
                .filter(id -> !stored.get(id).status().equals("TRIAGED"))
                .toList();
        assertThat(notTriaged).as("accepted alerts not in status TRIAGED").isEmpty();

        assertThat(count(db, "select count(*) from work_item"))
                .as("work items left")
                .isZero();
        assertThat(count(db, "select count(*) from alert where triage_runs > 1"))
                .as("alerts triaged more than once")
                .isZero();
        assertThat(count(db, "select count(*) from alert where triage_runs <> 1"))
                .as("stored alerts (including those of unanswered posts) not triaged exactly once")
                .isZero();

        assertThat(flowIds).as("alerts stored twice").doesNotHaveDuplicates();
        Set<Long> storedFlows = new HashSet<>(flowIds);
        int committedUnknown = 0;
        for (Batch batch : posts.unanswered()) {
            long present =
                    batch.flowIds().stream().filter(storedFlows::contains).count();
            assertThat(present)
                    .as("a post is stored whole or not at all (flow ids from %d)", batch.firstFlowId())
                    .isIn(0L, (long) batch.size());
            committedUnknown += present > 0 ? 1 : 0;
        }
        long expected = (long) posts.acceptedIds().size() + (long) committedUnknown * ALERTS_PER_POST + 1;
        assertThat(stored)
                .as("stored alerts: accepted ones, committed unanswered posts and the probe")
                .hasSize((int) expected);
        log.info(
                "after restart: {} alerts stored, all triaged once; {} of {} unanswered posts had been committed",
                stored.size(),
                committedUnknown,
                posts.unanswered().size());
    }

    private VigilProcess launch(String logName) throws IOException {
        VigilProcess vigil = VigilProcess.start(VigilProcess.jar(), dataDir, logs.resolve(logName));
        started.add(vigil);
        return vigil;
    }

    private static long count(VigilProcess vigil, String sql) throws IOException, SQLException {
        try (Connection db = vigil.database()) {
            return count(db, sql);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement query = db.createStatement()) {
            return single(query, sql);
        }
    }

    private static long single(Statement query, String sql) throws SQLException {
        try (ResultSet rows = query.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private HttpResponse<String> post(VigilProcess vigil, String key, String ndjson)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(vigil.uri("/api/v1/alerts?format=suricata"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Batch batch(int size) {
        return new Batch(nextFlowId.getAndAdd(size), size);
    }

    /** The ids of a 202 answer, each a UUID string as the API documents. */
    private List<UUID> idsOf(String answer) {
        List<UUID> ids = new ArrayList<>();
        for (JsonNode id : json.readTree(answer).path("ids")) {
            ids.add(UUID.fromString(id.stringValue()));
        }
        return ids;
    }

    /** What the clients sent and what they were told. */
    private final class Posts {
        final ConcurrentLinkedQueue<List<UUID>> accepted = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Batch> unknown = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Batch> refused = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean stopped;

        void keepPosting(VigilProcess vigil, String key) {
            while (!stopped) {
                Batch batch = batch(ALERTS_PER_POST);
                inFlight.incrementAndGet();
                try {
                    HttpResponse<String> response = post(vigil, key, batch.body());
                    if (response.statusCode() == 202) {
                        List<UUID> ids = idsOf(response.body());
                        if (ids.size() != batch.size()) {
                            anomalies.add("a post of " + batch.size() + " alerts was answered " + response.body());
                        }
                        accepted.add(ids);
                    } else {
                        log.info("post refused with {}: {}", response.statusCode(), response.body());
                        refused.add(batch);
                    }
                } catch (IOException e) {
                    // No answer: the alerts may or may not be stored, so they are not counted as accepted.
                    unknown.add(batch);
                } catch (InterruptedException e) {
                    unknown.add(batch);
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        }

        void stop() {
            stopped = true;
        }

        List<UUID> acceptedIds() {
            return accepted.stream().flatMap(List::stream).toList();
        }

        List<Batch> unanswered() {
            List<Batch> all = new ArrayList<>(unknown);
            all.addAll(refused);
            return all;
        }
    }

    private record Stored(String status, int triageRuns) {}

    /** One post: {@code size} Suricata EVE alerts with consecutive flow ids, so each alert is recognisable. */
    private record Batch(long firstFlowId, int size) {

        List<Long> flowIds() {
            List<Long> ids = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                ids.add(firstFlowId + i);
            }
            return ids;
        }

        String body() {
            StringBuilder body = new StringBuilder(size * 400);
            for (long flowId : flowIds()) {
                body.append("{\"timestamp\":\"2018-03-24T03:10:58.735262+0000\",\"flow_id\":")
                        .append(flowId)
                        .append(",\"event_type\":\"alert\",\"src_ip\":\"10.0.0.5\",\"src_port\":")
                        .append(1024 + flowId % 60000)
                        .append(",\"dest_ip\":\"203.0.113.9\",\"dest_port\":443,\"proto\":\"TCP\",")
                        .append("\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2013028,\"rev\":4,")
                        .append("\"signature\":\"ET POLICY curl User-Agent Outbound\",")
                        .append("\"category\":\"Attempted Information Leak\",\"severity\":2}}\n");
            }
            return body.toString();
        }
    }
}
