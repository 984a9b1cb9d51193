package dev.vigil.cli;

import dev.vigil.VigilApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Vigil without its web server and workers, for administrative commands: it uses the database of a Vigil
 * running on the same data directory, or starts the embedded one for the duration of the command.
 */
final class OfflineContext implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private OfflineContext(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static OfflineContext open() {
        return new OfflineContext(new SpringApplicationBuilder(VigilApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(
                        "vigil.attach-to-running=true",
                        "vigil.access.create-first-admin-key=false",
                        "vigil.triage.workers=0",
                        // A command must not do the service's work: send the outbox or the daily summary.
                        "vigil.notify.dispatch=false",
                        "vigil.summary.enabled=false",
                        "logging.level.root=warn",
                        "logging.level.dev.vigil=warn")
                .run());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
