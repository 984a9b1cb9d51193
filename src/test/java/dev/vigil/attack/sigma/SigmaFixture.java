package dev.vigil.attack.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.attack.Detection;
import dev.vigil.attack.RuleProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rules and events for the engine's tests. Rules are YAML files written to a folder and loaded the way
 * Vigil loads them; events are flat OTRF-style JSON read by {@link SigmaEvents#windows}, so field aliases
 * and route buckets are the real ones.
 */
final class SigmaFixture {

    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";

    private SigmaFixture() {}

    /** A whole rule: the log source and detection blocks are indented under their keys. */
    static String rule(String id, String logsource, String detection) {
        return "title: Rule " + id + "\n"
                + "id: " + id + "\n"
                + "status: test\n"
                + "level: high\n"
                + "logsource:\n"
                + logsource.stripIndent().indent(4)
                + "detection:\n"
                + detection.stripIndent().indent(4);
    }

    static String processCreation(String id, String detection) {
        return rule(id, "product: windows\ncategory: process_creation\n", detection);
    }

    /** Writes each text to its own file and loads the folder; nothing else is in it. */
    static SigmaRules load(Path dir, String... ruleTexts) {
        for (int i = 0; i < ruleTexts.length; i++) {
            write(dir.resolve(String.format("rule%03d.yml", i)), ruleTexts[i]);
        }
        return SigmaRules.load(false, List.of(dir));
    }

    /** One process-creation rule with id {@code r}, which must load. */
    static SigmaRules processRule(Path dir, String detection) {
        SigmaRules rules = load(dir, processCreation("r", detection));
        assertThat(rules.problems()).as("the rule loads").isEmpty();
        assertThat(rules.size()).isEqualTo(1);
        return rules;
    }

    /** The only problem of a folder that held one refused rule. */
    static RuleProblem refusal(Path dir, String ruleText) {
        SigmaRules rules = load(dir, ruleText);
        assertThat(rules.size()).as("the rule is refused").isZero();
        assertThat(rules.problems()).hasSize(1);
        return rules.problems().get(0);
    }

    static RuleProblem processRefusal(Path dir, String detection) {
        return refusal(dir, processCreation("r", detection));
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Windows event from the given channel and id, with field name / value pairs. */
    static SigmaEvent windows(String channel, int eventId, String... fieldsAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("EventID", eventId);
        fields.put("Channel", channel);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        SigmaEvent event = SigmaEvents.windows(JsonMapper.shared().writeValueAsString(fields));
        assertThat(event).isNotNull();
        return event;
    }

    /** A Sysmon process creation (event 1). */
    static SigmaEvent process(String... fieldsAndValues) {
        return windows(SYSMON, 1, fieldsAndValues);
    }

    static SigmaEvent security(int eventId, String... fieldsAndValues) {
        return windows("Security", eventId, fieldsAndValues);
    }

    /** Ids of the rules that fire, in the engine's order. */
    static List<String> firing(SigmaRules rules, SigmaEvent event) {
        return rules.detect(event).stream().map(d -> d.rule().id()).toList();
    }

    static boolean fires(SigmaRules rules, SigmaEvent event) {
        return !rules.detect(event).isEmpty();
    }

    /** The single detection of an event that one rule matched. */
    static Detection detection(SigmaRules rules, SigmaEvent event) {
        List<Detection> detections = rules.detect(event);
        assertThat(detections).hasSize(1);
        return detections.get(0);
    }
}
