package dev.vigil.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.AuditOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestAuditOutcomeTest {

    @ParameterizedTest
    @CsvSource({
        "200, SUCCESS", "202, SUCCESS", "204, SUCCESS", "302, SUCCESS", "401, DENIED", "403, DENIED",
        "429, DENIED", "400, FAILURE", "404, FAILURE", "413, FAILURE", "500, FAILURE", "503, FAILURE"
    })
    void statusesMapToOutcomes(int status, AuditOutcome outcome) {
        assertThat(RequestAuditFilter.outcome(status)).isEqualTo(outcome);
    }
}
