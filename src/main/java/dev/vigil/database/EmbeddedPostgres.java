package dev.vigil.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of one data directory. The serving process holds a lock file while it runs; a
 * postmaster left behind by a process that was killed is stopped before a new one starts, and
 * command-line tools may attach to the database of a running Vigil instead of starting their own.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration STALE_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final io.zonky.test.db.postgres.embedded.@Nullable EmbeddedPostgres started;
    private final @Nullable FileLock lock;
    private final int port;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.@Nullable EmbeddedPostgres started, @Nullable FileLock lock, int port) {
        this.started = started;
        this.lock = lock;
        this.port = port;
    }

    static EmbeddedPostgres open(Path dataDir, boolean attachToRunning) throws IOException {
        Path pgDir = dataDir.resolve("postgres").toAbsolutePath();
        Files.createDirectories(pgDir);
        FileLock lock = FileChannel.open(
                        dataDir.resolve("vigil.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                .tryLock();
        Optional<Postmaster> running = Postmaster.of(pgDir);
        if (lock == null) {
            if (attachToRunning && running.isPresent()) {
                log.info("Using the database of the Vigil running on {}", dataDir);
                return new EmbeddedPostgres(null, null, running.get().port());
            }
            throw new IllegalStateException("another Vigil is already running with data directory "
                    + dataDir.toAbsolutePath() + "; stop it or set VIGIL_DATA_DIR to another directory");
        }
        running.ifPresent(EmbeddedPostgres::stopStale);
        var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                // Spring closes this bean after the pool; zonky's own hook would stop PostgreSQL at SIGTERM
                // while triage workers and drained requests still need it.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                // zonky's defaults are for throw-away test databases (postgres -F, synchronous_commit=off):
                // a commit could be lost after it was answered 202, and a power cut could corrupt the data.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new EmbeddedPostgres(postgres, lock, postgres.getPort());
    }

    /**
     * A postmaster whose Vigil died (kill -9) outlives it briefly; it must be gone before a new one starts.
     * SIGINT is PostgreSQL's fast shutdown: it ends open sessions instead of waiting for them, as SIGTERM would.
     */
    private static void stopStale(Postmaster stale) {
        log.warn("Stopping PostgreSQL (pid {}) left running by a Vigil that did not shut down", stale.pid());
        ProcessHandle.of(stale.pid()).ifPresent(process -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(stale.pid()))
                        .inheritIO()
                        .start()
                        .waitFor();
                process.onExit().get(STALE_SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | ExecutionException | TimeoutException e) {
                log.warn("PostgreSQL (pid {}) did not stop within {}; killing it", stale.pid(), STALE_SHUTDOWN_WAIT);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        });
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    @Override
    public void close() throws IOException {
        if (started != null) {
            started.close();
        }
        if (lock != null) {
            lock.release();
            lock.channel().close();
        }
    }

    /** The pid and port PostgreSQL records in {@code postmaster.pid} while it runs. */
    record Postmaster(long pid, int port) {

        static Optional<Postmaster> of(Path pgDir) {
            Path file = pgDir.resolve("postmaster.pid");
            try {
                List<String> lines = Files.readAllLines(file);
                long pid = Long.parseLong(lines.get(0).trim());
                int port = Integer.parseInt(lines.get(3).trim());
                return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> new Postmaster(pid, port));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
