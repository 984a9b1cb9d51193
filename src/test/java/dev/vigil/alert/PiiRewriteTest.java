package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PiiRewriteTest {

    private static final AddressRanges INTERNAL = new AddressRanges(List.of("10.0.0.0/8", "192.168.0.0/16"));

    /** A stand-in for the vault: recognisable, deterministic, case-insensitive. */
    private final List<String> offered = new ArrayList<>();

    private final PiiRewriter tokens = (kind, value) -> {
        offered.add(kind + ":" + value);
        return "<" + kind + ":" + value.toLowerCase(Locale.ROOT) + ">";
    };

    private static final String RAW = """
            {"user":"CONTOSO\\\\Alice","upn":"alice@contoso.com","host":"WS-ALICE","src":"10.1.2.3",\
            "dst":"203.0.113.9","note":"also bob@example.org via 192.168.5.5","sys":"SYSTEM","other":"alicely"}""";

    private static Alert alert() {
        Entities entities = Entities.builder()
                .user("alice", "CONTOSO", "S-1-5-21-1-2-3-1104", false)
                .user("alice@contoso.com", null, null, false)
                .user("SYSTEM", "NT AUTHORITY", "S-1-5-18", true)
                .host("WS-ALICE", "10.1.2.3", "dev-42")
                .connection("10.1.2.3", 50000, "203.0.113.9", 443, "tcp", Direction.OUTBOUND)
                .process(
                        "C:\\Users\\alice\\AppData\\evil.exe",
                        "evil.exe --to 203.0.113.9 --from ws-alice --as ALICE",
                        "C:\\Windows\\explorer.exe",
                        42L,
                        FileHashes.NONE)
                .file("C:\\Users\\Alice\\Desktop\\notes.txt", FileHashes.NONE)
                .domain("evil.example")
                .build();
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                "n-1",
                Instant.parse("2026-11-25T10:00:00Z"),
                null,
                "Alice ran evil.exe on WS-ALICE",
                "alice (alice@contoso.com) connected from 10.1.2.3 to 203.0.113.9; the alerting rule is unrelated",
                "High",
                Severity.HIGH,
                "Execution",
                entities,
                null,
                RAW);
    }

    @Test
    void rewritesEveryPersonalEntityField() {
        Alert rewritten = alert().rewritePii(INTERNAL, tokens);
        Entities e = rewritten.entities();
        assertThat(e.users())
                .extracting(UserAccount::name)
                .containsExactly("<USER_NAME:alice>", "<EMAIL:alice@contoso.com>", "SYSTEM");
        assertThat(e.users().get(0).sid()).isEqualTo("S-1-5-21-1-2-3-1104");
        assertThat(e.hosts().get(0).name()).isEqualTo("<HOST_NAME:ws-alice>");
        assertThat(e.hosts().get(0).ip()).isEqualTo("<INTERNAL_IP:10.1.2.3>");
        assertThat(e.hosts().get(0).defenderDeviceId()).isEqualTo("dev-42");
        assertThat(e.network().get(0).sourceIp()).isEqualTo("<INTERNAL_IP:10.1.2.3>");
        assertThat(e.domains()).containsExactly("evil.example");
    }

    @Test
    void leavesExternalAddressesAndBuiltInAccounts() {
        Alert rewritten = alert().rewritePii(INTERNAL, tokens);
        assertThat(rewritten.entities().network().get(0).destinationIp()).isEqualTo("203.0.113.9");
        assertThat(rewritten.raw()).contains("203.0.113.9").contains("\"SYSTEM\"");
        assertThat(offered).noneMatch(o -> o.contains("203.0.113.9") || o.contains("SYSTEM"));
    }

    @Test
    void rewritesOccurrencesInTextCommandLinesPathsAndRawPayload() {
        Alert rewritten = alert().rewritePii(INTERNAL, tokens);
        assertThat(rewritten.title()).isEqualTo("<USER_NAME:alice> ran evil.exe on <HOST_NAME:ws-alice>");
        assertThat(rewritten.description())
                .isEqualTo("<USER_NAME:alice> (<EMAIL:alice@contoso.com>) connected from <INTERNAL_IP:10.1.2.3>"
                        + " to 203.0.113.9; the alerting rule is unrelated");
        ProcessInfo process = rewritten.entities().processes().get(0);
        assertThat(process.image()).isEqualTo("C:\\Users\\<USER_NAME:alice>\\AppData\\evil.exe");
        assertThat(process.commandLine())
                .isEqualTo("evil.exe --to 203.0.113.9 --from <HOST_NAME:ws-alice> --as <USER_NAME:alice>");
        assertThat(rewritten.entities().files().get(0).path())
                .isEqualTo("C:\\Users\\<USER_NAME:alice>\\Desktop\\notes.txt");
        assertThat(rewritten.raw())
                .contains("CONTOSO\\\\<USER_NAME:alice>")
                .contains("<EMAIL:alice@contoso.com>")
                .contains("<EMAIL:bob@example.org>")
                .contains("<INTERNAL_IP:192.168.5.5>")
                .contains("\"alicely\"")
                .doesNotContainIgnoringCase("alice\"")
                .doesNotContainIgnoringCase("\"alice@")
                .doesNotContain("\"10.1.2.3\"")
                .doesNotContainIgnoringCase("ws-alice\"");
    }

    @Test
    void aRewriterThatKeepsEverythingChangesNothing() {
        Alert original = alert();
        assertThat(original.rewritePii(INTERNAL, (kind, value) -> value)).isEqualTo(original);
    }

    @Test
    void onlyTheKindsTheRewriterChangesAreChanged() {
        Alert rewritten = alert().rewritePii(INTERNAL, (kind, value) -> kind == PiiKind.HOST_NAME ? "HOST-X" : value);
        assertThat(rewritten.title()).isEqualTo("Alice ran evil.exe on HOST-X");
        assertThat(rewritten.entities().users().get(0).name()).isEqualTo("alice");
        assertThat(rewritten.entities().hosts().get(0).ip()).isEqualTo("10.1.2.3");
    }
}
