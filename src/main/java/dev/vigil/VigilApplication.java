package dev.vigil;

import dev.vigil.cli.VigilCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: every invocation goes through the command line; {@code serve} starts the service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigilApplication {

    public static void main(String[] args) {
        System.exit(VigilCommandLine.run(args));
    }
}
