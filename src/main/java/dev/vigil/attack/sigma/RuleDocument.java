package dev.vigil.attack.sigma;

import dev.vigil.attack.DetectionRule;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A rule as read from YAML: its description, log source and the detection still to be compiled. */
record RuleDocument(
        DetectionRule rule,
        @Nullable String product,
        @Nullable String category,
        @Nullable String service,
        Map<String, Object> detection,
        List<String> conditions) {}
