package dev.vigil.attack.sigma;

import dev.vigil.attack.DetectionRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one Sigma rule file. YAML is read safely (no object construction, few aliases, bounded depth and
 * size), and every plain scalar stays text except true/false and null: {@code 0x1010} and {@code 0644}
 * are values to match, not numbers to convert.
 */
final class RuleReader {

    /** Largest rule file read; SigmaHQ's largest is far below. */
    static final int MAX_RULE_BYTES = 1 << 20;

    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Pattern TECHNIQUE_TAG = Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)");

    private RuleReader() {}

    static RuleDocument read(String text, String source) {
        if (text.length() > MAX_RULE_BYTES) {
            throw new RuleRefused("rule file larger than " + MAX_RULE_BYTES + " bytes");
        }
        List<Object> documents = new ArrayList<>();
        try {
            yaml().loadAll(text).forEach(documents::add);
        } catch (YAMLException e) {
            throw new RuleRefused("malformed YAML: " + firstLine(e.getMessage()));
        }
        documents.removeIf(d -> d == null);
        if (documents.size() != 1) {
            throw new RuleRefused(
                    documents.isEmpty()
                            ? "empty file"
                            : "rule collections (" + documents.size()
                                    + " YAML documents) are not supported; one rule per file");
        }
        if (!(documents.get(0) instanceof Map<?, ?> map)) {
            throw new RuleRefused("not a Sigma rule: the document is not a mapping");
        }
        return document(map, source);
    }

    private static RuleDocument document(Map<?, ?> map, String source) {
        if (map.containsKey("correlation")) {
            throw new RuleRefused("correlation rules are not supported yet");
        }
        if (map.containsKey("filter")) {
            throw new RuleRefused("filter rules are not supported yet");
        }
        if (map.containsKey("action")) {
            throw new RuleRefused("rule collections (action: " + map.get("action") + ") are not supported");
        }
        String title = text(map, "title");
        if (title == null || title.isBlank()) {
            throw new RuleRefused("no title");
        }
        String id = text(map, "id");
        String status = lower(text(map, "status"), "unknown");
        String level = lower(text(map, "level"), "medium");
        if (!LEVELS.contains(level)) {
            throw new RuleRefused("unknown level '" + level + "'");
        }
        List<String> tags = strings(map.get("tags"));
        List<String> techniques = new ArrayList<>();
        for (String tag : tags) {
            Matcher m = TECHNIQUE_TAG.matcher(tag.toLowerCase(Locale.ROOT));
            if (m.matches() && !techniques.contains(m.group(1).toUpperCase(Locale.ROOT))) {
                techniques.add(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        if (!(map.get("logsource") instanceof Map<?, ?> logsource)) {
            throw new RuleRefused("no logsource");
        }
        String product = lower(text(logsource, "product"), null);
        String category = lower(text(logsource, "category"), null);
        String service = lower(text(logsource, "service"), null);
        if (!(map.get("detection") instanceof Map<?, ?> detection)) {
            throw new RuleRefused("no detection");
        }
        Map<String, Object> items = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        for (Map.Entry<?, ?> e : detection.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.equals("condition")) {
                conditions.addAll(strings(e.getValue()));
            } else if (!name.equals("timeframe")) {
                if (e.getValue() == null) {
                    throw new RuleRefused("selection '" + name + "' is empty");
                }
                items.put(name, e.getValue());
            }
        }
        if (conditions.isEmpty()) {
            throw new RuleRefused("no condition");
        }
        String logSource = String.join(
                "/",
                java.util.stream.Stream.of(product, category, service)
                        .filter(java.util.Objects::nonNull)
                        .toList());
        DetectionRule rule = new DetectionRule(
                id == null ? source : id,
                title.strip(),
                status,
                level,
                text(map, "description"),
                tags,
                techniques,
                logSource.isEmpty() ? "(none)" : logSource,
                strings(map.get("falsepositives")),
                source);
        return new RuleDocument(rule, product, category, service, items, conditions);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_RULE_BYTES);
        org.yaml.snakeyaml.DumperOptions dumper = new org.yaml.snakeyaml.DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new TextResolver());
    }

    /** Resolves plain scalars to booleans and nulls only; everything else stays the text the author wrote. */
    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL)$"), "~nN");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }

    private static @Nullable String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null || value instanceof Map<?, ?> || value instanceof List<?> ? null : String.valueOf(value);
    }

    private static @Nullable String lower(@Nullable String value, @Nullable String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> strings(@Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(v -> v != null).map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip().lines().findFirst().orElse("unreadable");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
