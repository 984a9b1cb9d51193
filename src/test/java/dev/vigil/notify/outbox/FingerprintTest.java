package dev.vigil.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void repeatsOfOneDetectionOnOneHostMatchWhateverTheirIdsAndTimes() {
        Alert first =
                alert("Suspicious  LSASS access", "srv-01", "alice", "n-1", Instant.parse("2026-11-21T08:00:00Z"));
        Alert again = alert("suspicious lsass access", "srv-01", "alice", "n-2", Instant.parse("2026-11-21T08:05:00Z"));
        assertThat(Fingerprint.of(again)).isEqualTo(Fingerprint.of(first));
    }

    @Test
    void anotherHostUserOrTitleIsAnotherProblem() {
        Instant now = Instant.now();
        String base = Fingerprint.of(alert("LSASS access", "srv-01", "alice", "n", now));
        assertThat(Fingerprint.of(alert("LSASS access", "srv-02", "alice", "n", now)))
                .isNotEqualTo(base);
        assertThat(Fingerprint.of(alert("LSASS access", "srv-01", "bob", "n", now)))
                .isNotEqualTo(base);
        assertThat(Fingerprint.of(alert("LSASS dump", "srv-01", "alice", "n", now)))
                .isNotEqualTo(base);
    }

    private static Alert alert(String title, String host, String user, String nativeId, Instant at) {
        Entities entities = Entities.builder()
                .host(host, null, null)
                .user(user, "CONTOSO", null, false)
                .build();
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                nativeId,
                at,
                at,
                title,
                null,
                null,
                Severity.HIGH,
                null,
                entities,
                null,
                "{}");
    }
}
