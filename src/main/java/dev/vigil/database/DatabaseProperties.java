package dev.vigil.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded database lives and how it is shared.
 *
 * @param dataDir the data directory ({@code VIGIL_DATA_DIR}); PostgreSQL's files go to {@code postgres/} in it
 * @param attachToRunning for command-line tools: use the database of a Vigil already running on this data
 *     directory instead of refusing to start
 */
@ConfigurationProperties("vigil")
public record DatabaseProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean attachToRunning) {}
