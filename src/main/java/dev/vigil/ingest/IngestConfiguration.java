package dev.vigil.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the parsers with the configured limits. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    AlertParsing alertParsing(IngestLimits limits) {
        return new AlertParsing(limits);
    }
}
