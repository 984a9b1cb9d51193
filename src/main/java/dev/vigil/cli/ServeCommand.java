package dev.vigil.cli;

import dev.vigil.VigilApplication;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Starts the service; any further arguments are Spring Boot's own (for example {@code --server.port=}). */
@Command(name = "serve", description = "Start the Vigil service (embedded PostgreSQL unless VIGIL_DB_URL is set).")
final class ServeCommand implements Callable<Integer> {

    @Unmatched
    private String[] springArguments = new String[0];

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = SpringApplication.run(VigilApplication.class, springArguments);
        // Block until the context closes (SIGTERM or Ctrl-C), so main's System.exit does not cut it short.
        Object closed = new Object();
        context.addApplicationListener((org.springframework.context.event.ContextClosedEvent e) -> {
            synchronized (closed) {
                closed.notifyAll();
            }
        });
        synchronized (closed) {
            while (context.isActive()) {
                closed.wait(1000);
            }
        }
        return 0;
    }
}
