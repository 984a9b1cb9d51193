package dev.vigil.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ServerSchemas;
import dev.vigil.notify.slack.FakeSlack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Nothing lost, nothing doubled: Vigil runs as a separate JVM, Slack goes down, alerts keep coming, Vigil is
 * killed with SIGKILL while a post is on its way (Slack has taken it, Vigil has not heard), Slack stays down
 * while a new Vigil starts on the same database, then comes back. Every message must then be in Slack exactly
 * once, and each channel's messages in the order they were recorded.
 */
class KillRestartDeliveryIT {

    private static final String TOKEN = "xoxb-fake-slack-token-7c1e5b";
    private static final int ALERTS = 16;

    private final FakeSlack slack = FakeSlack.start(TOKEN, "fakeWebhookSecret9f2d7a");
    private final String schema =
            "vigil_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private final JdbcTemplate jdbc =
            new JdbcTemplate(new DriverManagerDataSource(ServerSchemas.url(schema), ServerSchemas.USER, ""));
    private final CompletableFuture<String> adminKey = new CompletableFuture<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        slack.close();
    }

    @Test
    void everyMessageArrivesOnceAndInOrderAfterAnOutageAndACrash() throws Exception {
        int port = freePort();
        start(port, "first");
        String key = adminKey.get();
        String run = UUID.randomUUID().toString().substring(0, 8);

        slack.answerUnavailable();
        for (int i = 0; i < ALERTS; i++) {
            String tenant = i % 2 == 0 ? "tenant-a" : "tenant-b";
            ingest(port, key, tenant, title(run, i));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("select count(*) from notification where text like ?", "%" + run + "%") == ALERTS);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from notification where attempts >= 2") >= 1);

        // Slack comes back but slow to answer: it takes a post, and Vigil is killed before the answer.
        slack.answerSlowly(Duration.ofSeconds(3));
        slack.recover();
        await().atMost(Duration.ofSeconds(30)).until(() -> postsOf(run).size() >= 1);
        processes.get(0).destroyForcibly().waitFor();
        slack.answerSlowly(Duration.ZERO);
        slack.answerUnavailable();
        int beforeRestart = postsOf(run).size();
        assertThat(beforeRestart)
                .as("the crash came while messages were still waiting")
                .isLessThan(ALERTS);
        assertThat(count("select count(*) from notification where attempt_started_at is not null"))
                .as("a post was under way when Vigil died")
                .isPositive();

        start(port, "second");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("select count(*) from notification where attempts >= 2 and state = 'PENDING'") >= 1);
        slack.recover();

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(postsOf(run)).hasSize(ALERTS));
        for (int i = 0; i < ALERTS; i++) {
            String title = title(run, i);
            assertThat(postsOf(run).stream().filter(p -> p.text().contains(title)))
                    .as("alert %d in Slack exactly once", i)
                    .hasSize(1);
        }
        for (String channel : List.of("C0A", "C0B")) {
            List<String> recorded = jdbc.queryForList(
                    "select text from notification where channel = ? and text like ? order by id",
                    String.class,
                    channel,
                    "%" + run + "%");
            assertThat(slack.postsTo(channel).stream()
                            .filter(p -> p.text().contains(run))
                            .map(FakeSlack.Request::text))
                    .as("channel %s in recorded order", channel)
                    .containsExactlyElementsOf(recorded);
        }
        assertThat(count("select count(*) from notification where state <> 'SENT'"))
                .isZero();
    }

    private void start(int port, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("server.port", Integer.toString(port));
        settings.put("spring.datasource.url", ServerSchemas.url(schema));
        settings.put("spring.datasource.username", ServerSchemas.USER);
        settings.put("spring.flyway.schemas", schema);
        settings.put("spring.flyway.create-schemas", "true");
        settings.put("vigil.slack.bot-token", TOKEN);
        settings.put("vigil.slack.api-url", slack.apiUrl().toString());
        settings.put("vigil.slack.channel", "C0SOC");
        settings.put("vigil.slack.timeout", "1s");
        settings.put("vigil.notify.routes[0].tenant", "tenant-a");
        settings.put("vigil.notify.routes[0].channel", "C0A");
        settings.put("vigil.notify.routes[1].tenant", "tenant-b");
        settings.put("vigil.notify.routes[1].channel", "C0B");
        settings.put("vigil.notify.first-retry", "200ms");
        settings.put("vigil.notify.max-retry-wait", "1s");
        settings.put("vigil.notify.lease", "3s");
        settings.put("vigil.notify.poll-interval", "200ms");
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"), "dev.vigil.VigilApplication"));
        // Settings go in through the environment, as in production, not on a command line ps can show.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .put(
                        "SPRING_APPLICATION_JSON",
                        new tools.jackson.databind.json.JsonMapper().writeValueAsString(settings));
        Process process = builder.start();
        processes.add(process);
        Path log = Path.of("target", "test-logs", "kill-restart-" + name + ".log");
        Files.createDirectories(log.getParent());
        Thread pump = new Thread(() -> pump(process, log), "vigil-" + name + "-output");
        pump.setDaemon(true);
        pump.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            assertThat(process.isAlive())
                    .as("Vigil (%s) is running; see %s", name, log)
                    .isTrue();
            try {
                return http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Copies the child's output to its log, keeping the admin key it prints once out of the file. */
    private void pump(Process process, Path log) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("Admin API key: ")) {
                    adminKey.complete(line.substring("Admin API key: ".length()).strip());
                    out.println("Admin API key: (taken by the test)");
                } else {
                    out.println(line);
                }
                out.flush();
            }
        } catch (IOException e) {
            // the process died: its output ends here
        }
    }

    private void ingest(int port, String key, String tenant, String title) throws Exception {
        String alert = """
                {"id":"%s","severity":"High","status":"New","category":"CredentialAccess","title":"%s",\
                "alertCreationTime":"2026-11-21T08:00:00Z","machineId":"7e4f5061","computerDnsName":"srv-%s",\
                "relatedUser":{"userName":"alice","domainName":"CONTOSO"}}""".formatted(
                "da" + UUID.randomUUID(), title, UUID.randomUUID().toString().substring(0, 6));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts?tenant=" + tenant))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(alert))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** "#01!" ... "#16!": no title is part of another. */
    private static String title(String run, int i) {
        return "Mimikatz run " + run + " #" + String.format("%02d", i) + "!";
    }

    private List<FakeSlack.Request> postsOf(String run) {
        return slack.accepted().stream()
                .filter(r -> r.call().equals("chat.postMessage")
                        && r.text() != null
                        && r.text().contains(run))
                .toList();
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
