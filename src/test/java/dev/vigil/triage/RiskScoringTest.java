package dev.vigil.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Direction;
import dev.vigil.alert.Entities;
import dev.vigil.alert.FileHashes;
import dev.vigil.alert.Queue;
import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskScoringTest {

    private static final RiskScoring.Damage NONE = new RiskScoring.Damage(0, "damage 0: none");
    private final RiskScoring scoring = new RiskScoring(RiskModel.defaults());

    @ParameterizedTest
    @CsvSource({"INFO,0,LOW", "LOW,20,LOW", "MEDIUM,40,LOW", "HIGH,70,MEDIUM", "CRITICAL,100,HIGH"})
    void startsFromTheSeverityBase(Severity severity, int risk, RiskClass riskClass) {
        RiskScoring.Score score = scoring.score(alert(severity, "quiet", Entities.NONE), NONE);
        assertThat(score.risk()).isEqualTo(risk);
        assertThat(score.riskClass()).isEqualTo(riskClass);
        assertThat(score.factors()).containsExactly("severity " + severity + ": base " + risk, "damage 0: none");
    }

    @ParameterizedTest
    @CsvSource({"49,LOW", "50,MEDIUM", "99,MEDIUM", "100,HIGH", "149,HIGH", "150,CRITICAL", "200,CRITICAL"})
    void classesFollowTheThresholds(int risk, RiskClass riskClass) {
        assertThat(scoring.classOf(risk)).isEqualTo(riskClass);
    }

    @Test
    void escalatesWhenAnExternalAddressIsInvolved() {
        Entities inside = Entities.builder()
                .connection("10.0.0.5", 1, "192.168.1.9", 445, "tcp", Direction.INTERNAL)
                .build();
        Entities outside = Entities.builder()
                .connection("10.0.0.5", 1, "203.0.113.9", 443, "tcp", Direction.OUTBOUND)
                .build();
        assertThat(scoring.score(alert(Severity.HIGH, "x", inside), NONE).risk())
                .isEqualTo(70);
        RiskScoring.Score score = scoring.score(alert(Severity.HIGH, "x", outside), NONE);
        assertThat(score.risk()).isEqualTo(84);
        assertThat(score.factors()).contains("external IP 203.0.113.9 ×1.2");
    }

    @Test
    void escalatesWhenAPrivilegedUserIsInvolved() {
        Entities bySid =
                Entities.builder().user("svc", "CORP", "S-1-5-18", true).build();
        Entities byName =
                Entities.builder().user("Administrator", "CORP", null, false).build();
        assertThat(scoring.score(alert(Severity.HIGH, "x", bySid), NONE).factors())
                .contains("privileged user svc ×1.3");
        assertThat(scoring.score(alert(Severity.HIGH, "x", byName), NONE).risk())
                .isEqualTo(91);
    }

    @Test
    void escalatesOnHighRiskKeywordsInCommandLinesOnce() {
        Entities process = Entities.builder()
                .process("C:\\\\t\\\\m.exe", "m.exe sekurlsa::logonpasswords mimikatz", null, null, FileHashes.NONE)
                .build();
        RiskScoring.Score score = scoring.score(alert(Severity.HIGH, "Suspicious tool", process), NONE);
        assertThat(score.factors()).containsOnlyOnce("high-risk keyword 'mimikatz' ×1.25");
        assertThat(score.risk()).isEqualTo(88);
    }

    @Test
    void escalatesForCriticalAssetsByShortOrFullName() {
        RiskModel model = new RiskModel(
                Map.of(),
                1.2,
                1.3,
                1.25,
                1.5,
                List.of(),
                List.of("10.0.0.0/8"),
                List.of(),
                List.of("dc01"),
                150,
                100,
                50,
                100,
                70);
        Entities host =
                Entities.builder().host("DC01.corp.example", "10.0.0.1", null).build();
        RiskScoring.Score score = new RiskScoring(model).score(alert(Severity.MEDIUM, "x", host), NONE);
        assertThat(score.factors()).contains("critical asset DC01.corp.example ×1.5");
        assertThat(score.risk()).isEqualTo(60);
    }

    @Test
    void addsDamageMultipliesEverythingAndCapsAt200() {
        Entities all = Entities.builder()
                .connection("10.0.0.5", 1, "198.51.100.7", 443, "tcp", Direction.OUTBOUND)
                .user("SYSTEM", "NT AUTHORITY", "S-1-5-18", true)
                .build();
        RiskScoring.Score score = scoring.score(
                alert(Severity.CRITICAL, "ransomware", all), new RiskScoring.Damage(100, "damage 100: T1486"));
        assertThat(score.risk()).isEqualTo(200);
        assertThat(score.riskClass()).isEqualTo(RiskClass.CRITICAL);
        assertThat(score.queue()).isEqualTo(Queue.PRIORITY);
        assertThat(score.factors()).hasSize(5);
    }

    @Test
    void routesToThePriorityQueueOnHighDamageEvenAtLowRisk() {
        RiskScoring.Score score =
                scoring.score(alert(Severity.INFO, "x", Entities.NONE), new RiskScoring.Damage(75, "d"));
        assertThat(score.risk()).isEqualTo(75);
        assertThat(score.queue()).isEqualTo(Queue.PRIORITY);
        assertThat(scoring.score(alert(Severity.INFO, "x", Entities.NONE), new RiskScoring.Damage(60, "d"))
                        .queue())
                .isEqualTo(Queue.STANDARD);
    }

    @Test
    void takesBasesAndMultipliersFromConfigurationAndRefusesNonsense() {
        RiskModel model = new RiskModel(
                Map.of("HIGH", 80),
                2.0,
                1.3,
                1.25,
                1.5,
                List.of(),
                List.of("10.0.0.0/8"),
                List.of(),
                List.of(),
                150,
                100,
                50,
                100,
                70);
        Entities outside = Entities.builder().host(null, "8.8.8.8", null).build();
        assertThat(new RiskScoring(model)
                        .score(alert(Severity.HIGH, "x", outside), NONE)
                        .risk())
                .isEqualTo(160);
        assertThatThrownBy(() -> new RiskModel(
                        Map.of(), 0.5, 1.3, 1.25, 1.5, List.of(), List.of(), List.of(), List.of(), 150, 100, 50, 100,
                        70))
                .hasMessageContaining("multipliers");
        assertThatThrownBy(() -> new RiskScoring(new RiskModel(
                        Map.of(),
                        1.2,
                        1.3,
                        1.25,
                        1.5,
                        List.of(),
                        List.of("not-a-range"),
                        List.of(),
                        List.of(),
                        150,
                        100,
                        50,
                        100,
                        70)))
                .hasMessageContaining("not an address range");
    }

    @Test
    void neverTakesHostNamesOrBrokenAddressesForExternalIps() {
        Entities odd = Entities.builder()
                .host("evil.example", "999.1.1.1", null)
                .connection("not-an-ip", null, "fe80::1", null, null, Direction.UNKNOWN)
                .build();
        assertThat(scoring.score(alert(Severity.HIGH, "x", odd), NONE).factors())
                .noneMatch(f -> f.startsWith("external"));
    }

    private static Alert alert(Severity severity, String title, Entities entities) {
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                null,
                Instant.now(),
                null,
                title,
                null,
                null,
                severity,
                null,
                entities,
                null,
                "{}");
    }
}
