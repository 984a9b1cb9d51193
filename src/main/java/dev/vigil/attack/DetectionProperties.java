package dev.vigil.attack;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sigma detection settings.
 *
 * @param ruleDirs directories of Sigma rules ({@code .yml}/{@code .yaml}, read recursively) loaded at start
 * @param builtin whether Vigil's own rules load as well
 */
@ConfigurationProperties("vigil.detection")
public record DetectionProperties(
        @DefaultValue List<Path> ruleDirs,
        @DefaultValue("true") boolean builtin) {}
