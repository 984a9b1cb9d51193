package dev.vigil.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Queue;
import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.TriageResult;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskScoringTest {

    @ParameterizedTest
    @CsvSource({
        "INFO,0,LOW,STANDARD",
        "LOW,20,LOW,STANDARD",
        "MEDIUM,40,LOW,STANDARD",
        "HIGH,70,MEDIUM,STANDARD",
        "CRITICAL,100,HIGH,PRIORITY"
    })
    void scoresBySeverityBaseAndSaysWhy(Severity severity, int risk, RiskClass riskClass, Queue queue) {
        TriageResult result = new RiskScoring().score(alert(severity));
        assertThat(result.riskScore()).isEqualTo(risk);
        assertThat(result.riskClass()).isEqualTo(riskClass);
        assertThat(result.queue()).isEqualTo(queue);
        assertThat(result.factors()).containsExactly("severity " + severity + ": base " + risk);
    }

    @ParameterizedTest
    @CsvSource({"49,LOW", "50,MEDIUM", "99,MEDIUM", "100,HIGH", "149,HIGH", "150,CRITICAL", "200,CRITICAL"})
    void classesFollowTheThresholds(int risk, RiskClass riskClass) {
        assertThat(RiskScoring.classOf(risk)).isEqualTo(riskClass);
    }

    private static Alert alert(Severity severity) {
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                null,
                Instant.now(),
                null,
                "t",
                null,
                null,
                severity,
                null,
                Entities.NONE,
                null,
                "{}");
    }
}
