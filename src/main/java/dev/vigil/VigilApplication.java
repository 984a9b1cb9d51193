package dev.vigil;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring Boot application. The jar starts through the command line ({@code dev.vigil.cli.VigilCommandLine});
 * this main starts the service directly, for running from an IDE.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigilApplication {

    public static void main(String[] args) {
        SpringApplication.run(VigilApplication.class, args);
    }
}
