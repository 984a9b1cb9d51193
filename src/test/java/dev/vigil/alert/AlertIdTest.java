package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertIdTest {

    @Test
    void isAVersion7UuidCarryingItsCreationTime() {
        long before = System.currentTimeMillis();
        AlertId id = AlertId.newId();
        long after = System.currentTimeMillis();
        assertThat(id.value().version()).isEqualTo(7);
        assertThat(id.value().variant()).isEqualTo(2);
        long millis = id.value().getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
    }

    @Test
    void sortsByCreationTime() {
        AlertId earlier = new AlertId(AlertId.uuidV7(1_700_000_000_000L));
        AlertId later = new AlertId(AlertId.uuidV7(1_700_000_000_001L));
        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void refusesOtherUuidVersions() {
        assertThatThrownBy(() -> new AlertId(UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertId.parse("not-a-uuid")).isInstanceOf(IllegalArgumentException.class);
    }
}
