package dev.vigil.access.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final UUID ID = UUID.fromString("0b6f3c1e-2f4a-4c8e-9d3b-1a2b3c4d5e6f");
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(hash(row("user:ab", "c", null, Map.of()))).isNotEqualTo(hash(row("user:a", "bc", null, Map.of())));
        assertThat(hash(row("a", "b", "", Map.of()))).isNotEqualTo(hash(row("a", "b", null, Map.of())));
        assertThat(hash(row("a", "b", null, Map.of("k", "v=w"))))
                .isNotEqualTo(hash(row("a", "b", null, Map.of("k=v", "w"))));
    }

    @Test
    void detailsHashTheSameWhateverTheirOrder() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("b", "2");
        one.put("a", "1");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("a", "1");
        other.put("b", "2");
        assertThat(hash(row("a", "b", null, one))).isEqualTo(hash(row("a", "b", null, other)));
    }

    @Test
    void everyColumnCounts() {
        AuditRow base = row("a", "b", "t", Map.of("k", "v"));
        byte[] expected = hash(base);
        assertThat(hash(new AuditRow(
                        2, ID, AT, "a", "b", "t", "SUCCESS", "ip", "ua", Map.of("k", "v"), new byte[32], new byte[0])))
                .isNotEqualTo(expected);
        assertThat(hash(new AuditRow(
                        1,
                        ID,
                        AT.plusNanos(1_000),
                        "a",
                        "b",
                        "t",
                        "SUCCESS",
                        "ip",
                        "ua",
                        Map.of("k", "v"),
                        new byte[32],
                        new byte[0])))
                .isNotEqualTo(expected);
        assertThat(hash(new AuditRow(
                        1, ID, AT, "a", "b", "t", "DENIED", "ip", "ua", Map.of("k", "v"), new byte[32], new byte[0])))
                .isNotEqualTo(expected);
        byte[] otherPrev = new byte[32];
        otherPrev[31] = 1;
        assertThat(hash(new AuditRow(
                        1, ID, AT, "a", "b", "t", "SUCCESS", "ip", "ua", Map.of("k", "v"), otherPrev, new byte[0])))
                .isNotEqualTo(expected);
        assertThat(hash(new AuditRow(
                        1, ID, AT, "a", "b", "t", "SUCCESS", "ip", "ua2", Map.of("k", "v"), new byte[32], new byte[0])))
                .isNotEqualTo(expected);
    }

    @Test
    void boundsCleanWhatPostgresCannotStoreAndClipWithoutSplittingCharacters() {
        assertThat(AuditBounds.clipped("a\u0000b", 10)).isEqualTo("a\uFFFDb");
        assertThat(AuditBounds.clipped("\ud800x", 10)).isEqualTo("?x");
        String clipped = AuditBounds.clipped("ab🛡🛡🛡", 4);
        assertThat(clipped).isEqualTo("ab…");
        assertThat(AuditBounds.details(Map.of("k", "v".repeat(1_000))).get("k")).hasSize(AuditBounds.DETAIL_VALUE);
    }

    private static AuditRow row(String actor, String action, String target, Map<String, String> details) {
        return new AuditRow(
                1, ID, AT, actor, action, target, "SUCCESS", "ip", "ua", details, new byte[32], new byte[0]);
    }

    private static byte[] hash(AuditRow row) {
        return ChainHash.of(row);
    }
}
