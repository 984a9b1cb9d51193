package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntitiesTest {

    @Test
    void dropsDuplicatesAndBlankEntities() {
        Entities entities = Entities.builder()
                .host("ws-01", "10.0.0.5", null)
                .host("ws-01", "10.0.0.5", null)
                .host(" ", null, "")
                .user(null, "CONTOSO", null, false)
                .connection("10.0.0.5", 70000, "203.0.113.9", 443, "tcp", Direction.OUTBOUND)
                .url("  ")
                .domain("evil.example")
                .build();
        assertThat(entities.hosts()).containsExactly(new Host("ws-01", "10.0.0.5", null));
        assertThat(entities.users()).isEmpty();
        assertThat(entities.urls()).isEmpty();
        assertThat(entities.domains()).containsExactly("evil.example");
        assertThat(entities.network().get(0).sourcePort())
                .as("out-of-range port dropped")
                .isNull();
        assertThat(entities.network().get(0).destinationPort()).isEqualTo(443);
    }

    @Test
    void normalisesHashesAndRefusesMalformedOnes() {
        String sha1 = "A94A8FE5CCB19BA61C4C0873D391E987982FBBD3";
        assertThat(new FileHashes(sha1, null, null).sha1()).isEqualTo(sha1.toLowerCase());
        assertThatThrownBy(() -> new FileHashes("abc", null, null)).hasMessageContaining("SHA-1");
        assertThat(FileHashes.lenient("abc", "zz", sha1).hasNone()).isTrue();
    }

    @Test
    void anAlertNeedsATitleAndCutsLongOnes() {
        assertThatThrownBy(() -> alert(" ")).hasMessageContaining("title");
        assertThat(alert("x".repeat(2000)).title()).hasSize(Alert.MAX_TITLE_LENGTH);
    }

    private static Alert alert(String title) {
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.SURICATA,
                null,
                java.time.Instant.now(),
                null,
                title,
                null,
                null,
                Severity.LOW,
                null,
                Entities.NONE,
                null,
                "{}");
    }
}
