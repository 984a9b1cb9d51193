package dev.vigil.attack.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Compiles a rule's detection for one event source, whose field names may differ from the rule's. */
final class RuleCompiler {

    /** Patterns one rule may compile to after modifiers expand it (windash, base64offset): a bound on size. */
    static final int MAX_PATTERNS_PER_RULE = 50_000;

    private RuleCompiler() {}

    static CompiledRule compile(RuleDocument document, UnaryOperator<String> fieldNames) {
        FieldTestCompiler tests = new FieldTestCompiler(fieldNames, MAX_PATTERNS_PER_RULE);
        Map<String, Selection> selections = new LinkedHashMap<>();
        document.detection().forEach((name, value) -> selections.put(name, selection(name, value, tests)));
        List<Condition> conditions = new ArrayList<>();
        for (String condition : document.conditions()) {
            conditions.add(ConditionParser.parse(condition, selections));
        }
        Condition condition = conditions.size() == 1 ? conditions.get(0) : new Condition.Or(conditions);
        return new CompiledRule(document.rule(), condition);
    }

    private static Selection selection(String name, Object value, FieldTestCompiler tests) {
        List<List<FieldTest>> alternatives = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            alternatives.add(conjunction(name, map, tests));
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new RuleRefused("selection '" + name + "' is empty");
            }
            boolean maps = list.stream().allMatch(v -> v instanceof Map<?, ?>);
            boolean scalars = list.stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>);
            if (maps) {
                for (Object item : list) {
                    alternatives.add(conjunction(name, (Map<?, ?>) item, tests));
                }
            } else if (scalars) {
                alternatives.add(List.of(tests.compile("", list)));
            } else {
                throw new RuleRefused("selection '" + name + "' mixes field maps and keywords");
            }
        } else {
            alternatives.add(List.of(tests.compile("", value)));
        }
        return new Selection(name, alternatives);
    }

    private static List<FieldTest> conjunction(String name, Map<?, ?> map, FieldTestCompiler tests) {
        if (map.isEmpty()) {
            throw new RuleRefused("selection '" + name + "' has an empty map");
        }
        List<FieldTest> conjunction = new ArrayList<>();
        map.forEach((key, v) -> conjunction.add(tests.compile(String.valueOf(key), v)));
        return conjunction;
    }
}
