package dev.vigil.attack.sigma;

import dev.vigil.attack.DetectionRule;
import dev.vigil.attack.MatchedField;
import java.util.ArrayList;
import java.util.List;

/** A rule compiled for one event source: its description and its condition, ready to test events. */
record CompiledRule(DetectionRule rule, Condition condition) {

    boolean matches(EventView event) {
        return condition.test(event);
    }

    List<MatchedField> explain(EventView event) {
        List<MatchedField> fields = new ArrayList<>();
        condition.explain(event, f -> {
            if (!fields.contains(f)) {
                fields.add(f);
            }
        });
        return fields;
    }
}
