package dev.vigil.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertTechnique;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.TriageResult;
import dev.vigil.attack.DamageScores;
import dev.vigil.attack.DetectionRules;
import dev.vigil.attack.InstalledCatalogue;
import dev.vigil.attack.TechniqueMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triage with Sigma rules: an event that rules match raises one alert; a sensor's alert raises none. */
class TriageDetectionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private static final String RULES = """
            title: Shadow Copies Deleted
            id: 6c1a1d0e-3f64-4a61-9b0f-4f6f0d3f1a01
            status: stable
            level: critical
            description: Volume shadow copies deleted, as ransomware does before encrypting.
            tags: [attack.impact, attack.t1490]
            logsource: {product: windows, category: process_creation}
            detection:
              selection: {Image|endswith: '\\vssadmin.exe', CommandLine|contains|all: [delete, shadows]}
              condition: selection
            ---
            """;

    private Triage triage;

    @BeforeEach
    void rules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("vss.yml"), RULES.replace("---\n", ""));
        Files.writeString(dir.resolve("newer.yml"), """
                title: Firewall Rule Added Via Netsh
                id: 6c1a1d0e-3f64-4a61-9b0f-4f6f0d3f1a02
                status: experimental
                level: medium
                tags: [attack.defense-impairment, attack.t1686.003]
                logsource: {product: windows, category: process_creation}
                detection: {selection: {Image|endswith: '\\fwtool.exe', CommandLine|contains: ' add rule '}, condition: selection}
                """);
        DetectionRules rules = DetectionRules.load(false, List.of(dir));
        assertThat(rules.problems()).isEmpty();
        triage = new Triage(
                TechniqueMapping.over(InstalledCatalogue.shipped()),
                rules,
                DamageScores.shipped(Map.of()),
                RiskModel.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anEventMatchingARuleRaisesOneAlertCarryingTheRuleAndTheEvent() {
        Alert event = sysmon(
                AlertKind.EVENT,
                "C:\\\\Windows\\\\System32\\\\vssadmin.exe",
                "vssadmin.exe Delete Shadows /All /Quiet");

        TriageResult result = triage.triage(event);

        assertThat(result.raised()).hasSize(1);
        Alert raised = result.raised().get(0);
        assertThat(raised.kind()).isEqualTo(AlertKind.ALERT);
        assertThat(raised.title()).isEqualTo("Shadow Copies Deleted");
        assertThat(raised.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(raised.nativeId()).isEqualTo("sigma:6c1a1d0e-3f64-4a61-9b0f-4f6f0d3f1a01");
        assertThat(raised.receivedAt()).isEqualTo(NOW);
        assertThat(raised.raw()).isEqualTo(event.raw());
        assertThat(raised.description())
                .contains("Raised by Sigma on event " + event.id())
                .contains("CommandLine contains|all [delete, shadows] (vssadmin.exe Delete Shadows /All /Quiet)");

        TriageResult ofRaised = triage.triage(raised);
        assertThat(ofRaised.raised()).as("a raised alert raises nothing again").isEmpty();
        AlertTechnique technique = ofRaised.techniques().get(0);
        assertThat(technique.id()).isEqualTo("T1490");
        assertThat(technique.source()).isEqualTo("sigma");
        assertThat(technique.confidence()).isEqualTo(0.85);
        assertThat(ofRaised.techniques())
                .as("the rule's own prose ('as ransomware does') is no evidence for heuristics")
                .extracting(AlertTechnique::id)
                .doesNotContain("T1486");
        assertThat(ofRaised.damageScore()).isGreaterThanOrEqualTo(80);
        assertThat(ofRaised.riskScore()).isGreaterThanOrEqualTo(150);
    }

    @Test
    void aSensorsAlertGetsTheRulesTechniquesButRaisesNothing() {
        Alert alert = sysmon(AlertKind.ALERT, "C:\\\\Windows\\\\System32\\\\vssadmin.exe", "vssadmin delete shadows");

        TriageResult result = triage.triage(alert);

        assertThat(result.raised()).isEmpty();
        assertThat(result.techniques()).extracting(AlertTechnique::id).contains("T1490");
    }

    @Test
    void anEventNoRuleMatchesRaisesNothing() {
        TriageResult result = triage.triage(
                sysmon(AlertKind.EVENT, "C:\\\\Windows\\\\System32\\\\vssadmin.exe", "vssadmin list shadows"));

        assertThat(result.raised()).isEmpty();
        assertThat(result.techniques()).extracting(AlertTechnique::source).doesNotContain("sigma");
    }

    @Test
    void aTechniqueNewerThanTheCatalogueIsKeptWithTheRulesTactic() {
        Alert event =
                sysmon(AlertKind.EVENT, "C:\\\\Tools\\\\fwtool.exe", "fwtool add rule name=x dir=in localport=4444");

        Alert raised = triage.triage(event).raised().get(0);
        TriageResult result = triage.triage(raised);

        AlertTechnique technique = result.techniques().stream()
                .filter(t -> t.source().equals("sigma"))
                .findFirst()
                .orElseThrow();
        assertThat(technique.id()).isEqualTo("T1686.003");
        assertThat(technique.name()).startsWith("not in the installed ATT&CK catalogue");
        assertThat(technique.tactics()).containsExactly("defense-impairment");
        assertThat(result.damageScore()).as("the tactic default applies").isEqualTo(55);
    }

    private static Alert sysmon(AlertKind kind, String image, String commandLine) {
        String raw = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Image\":\"" + image
                + "\",\"CommandLine\":\"" + commandLine + "\"}";
        return new Alert(
                AlertId.newId(),
                kind,
                SourceFormat.SYSMON,
                null,
                NOW.minusSeconds(60),
                NOW.minusSeconds(90),
                "Sysmon 1: Process creation",
                null,
                null,
                Severity.INFO,
                "process_creation",
                Entities.NONE,
                null,
                raw);
    }
}
