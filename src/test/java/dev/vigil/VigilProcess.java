package dev.vigil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code vigil serve} child process on a data directory, as an operator runs it: started from the jar,
 * its output captured in a file, stopped with SIGTERM or killed with SIGKILL.
 */
final class VigilProcess {

    private static final String KEY_LINE = "Admin API key: ";

    private final Process process;
    private final Path dataDir;
    private final Path output;
    private final int port;

    private VigilProcess(Process process, Path dataDir, Path output, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.output = output;
        this.port = port;
    }

    /** Starts the service on a free loopback port; returns once the process is launched, not yet serving. */
    static VigilProcess start(Path jar, Path dataDir, Path output) throws IOException {
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                        java.toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "serve",
                        "--server.port=" + port,
                        "--server.address=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().put("VIGIL_DATA_DIR", dataDir.toString());
        builder.environment().remove("VIGIL_DB_URL");
        return new VigilProcess(builder.start(), dataDir, output, port);
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("vigil.jar", "target/vigil.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package first (failsafe runs after it)");
        }
        return jar;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /actuator/health} says UP; fails early when the process dies. */
    void awaitHealthy(HttpClient http, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest health = HttpRequest.newBuilder(uri("/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Vigil exited with " + process.exitValue() + "; see " + output);
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Vigil was not healthy within " + timeout + "; see " + output);
    }

    /** The admin key a first start prints on a line of its own (after the web server is up). */
    String awaitAdminKey(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> key = Files.readAllLines(output).stream()
                    .filter(line -> line.startsWith(KEY_LINE))
                    .map(line -> line.substring(KEY_LINE.length()).trim())
                    .findFirst();
            if (key.isPresent()) {
                return key.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Vigil exited before printing its admin key; see " + output);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no admin key within " + timeout + "; see " + output);
    }

    /** SIGKILL on Linux: no shutdown hook runs, the postmaster is left behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        keepOutputForSecretScan();
    }

    /**
     * Copies the process's output to target/test-logs/, where the scan after the test run (LogSecretScan)
     * looks for secrets; the output file itself usually lives in a temporary directory that is deleted.
     */
    private void keepOutputForSecretScan() {
        try {
            Path logs = Files.createDirectories(Path.of("target", "test-logs"));
            Files.copy(
                    output,
                    logs.resolve("vigil-process-" + process.pid() + "-" + output.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep " + output + " for the secret scan", e);
        }
    }

    /**
     * SIGKILL to the service, its postmaster and every PostgreSQL backend at once, as when the machine or
     * the container dies: what was committed must survive on disk, not just in PostgreSQL's memory.
     */
    static void killPostgresWith(VigilProcess vigil) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(vigil.dataDir.resolve("postgres/postmaster.pid"))
                .get(0)
                .trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> backends = postmaster.descendants().toList();
        vigil.process.destroyForcibly();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        vigil.process.waitFor(10, TimeUnit.SECONDS);
        postmaster.onExit().join();
        backends.forEach(backend -> backend.onExit().join());
        vigil.keepOutputForSecretScan();
    }

    /** SIGTERM and a graceful shutdown; SIGKILL if it does not finish in time. */
    void stop(Duration grace) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        keepOutputForSecretScan();
    }

    /** A JDBC connection to the embedded PostgreSQL of the data directory, found by its postmaster.pid. */
    static Connection database(Path dataDir) throws IOException, SQLException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        int port = Integer.parseInt(pid.get(3).trim());
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
    }

    Connection database() throws IOException, SQLException {
        return database(dataDir);
    }

    /** Stops a postmaster still running on the data directory (left by a killed or hung Vigil). */
    static void stopLeftoverPostgres(Path dataDir) throws InterruptedException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException noPostmaster) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return;
        }
        // SIGTERM is PostgreSQL's "smart" shutdown; SIGKILL if it lingers.
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.get().destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
