package dev.vigil.web;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;

/**
 * Jackson's read limits for the application's JsonMapper (request bodies of the API, and alert rows read
 * back from PostgreSQL), tighter than Jackson's defaults so a hostile body costs little before it is
 * refused. They sit on the factory: Jackson 3 keeps stream constraints there, not on the mapper builder.
 * Ingest parses bodies with its own mapper, limited by {@code vigil.ingest.*}; strings stay as long as the
 * largest alert ingest accepts (1 MB), because stored entities are read back through this mapper.
 */
@Configuration(proxyBeanMethods = false)
class JsonReadLimits {

    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxStringLength(1024 * 1024)
            .maxNameLength(1024)
            .maxNumberLength(100)
            .maxDocumentLength(16L * 1024 * 1024)
            .maxTokenCount(1_000_000)
            .build();

    @Bean
    JsonFactoryBuilderCustomizer jsonStreamReadConstraints() {
        return factory -> factory.streamReadConstraints(CONSTRAINTS);
    }
}
