package dev.vigil.ingest.parse;

import static dev.vigil.ingest.parse.ParserFixtures.line;
import static dev.vigil.ingest.parse.ParserFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Direction;
import dev.vigil.alert.FileHashes;
import dev.vigil.alert.FileInfo;
import dev.vigil.alert.NetworkConnection;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseOutcome;
import dev.vigil.ingest.Rejection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuricataParserTest {

    private final ParseOutcome outcome = parse("suricata/eve.json", SourceFormat.SURICATA);
    private final List<Alert> alerts = outcome.alerts();

    @Test
    void turnsAnEveAlertIntoAnAlertWithItsSignatureSeverityAndFlow() {
        Alert alert = alerts.get(0);
        assertThat(alert.kind()).isEqualTo(AlertKind.ALERT);
        assertThat(alert.source()).isEqualTo(SourceFormat.SURICATA);
        assertThat(alert.title()).isEqualTo("ET MALWARE Example Loader CnC Checkin");
        assertThat(alert.category()).isEqualTo("A Network Trojan was detected");
        assertThat(alert.nativeSeverity()).isEqualTo("1");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.nativeId()).isEqualTo("1876543210987654:2024897");
        assertThat(alert.description()).isEqualTo("signature 1:2024897:3, action allowed");
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2024-05-02T08:15:42.123456Z"));
        assertThat(alert.receivedAt()).isEqualTo(ParserFixtures.CONTEXT.receivedAt());
        assertThat(alert.tenant()).isEqualTo("acme");
        assertThat(alert.entities().network())
                .containsExactly(
                        new NetworkConnection("192.168.10.23", 51544, "203.0.113.50", 80, "TCP", Direction.OUTBOUND));
        assertThat(alert.entities().domains()).containsExactly("bad.example.net");
        assertThat(alert.entities().urls()).containsExactly("http://bad.example.net/gate.php?id=42");
        assertThat(alert.raw()).isEqualTo(line("suricata/eve.json", 1));
    }

    @Test
    void mapsSuricataPrioritiesOntoSeverities() {
        assertThat(SuricataParser.severity("1")).isEqualTo(Severity.HIGH);
        assertThat(SuricataParser.severity("2")).isEqualTo(Severity.MEDIUM);
        assertThat(SuricataParser.severity("3")).isEqualTo(Severity.LOW);
        assertThat(SuricataParser.severity("4")).isEqualTo(Severity.INFO);
        assertThat(SuricataParser.severity(null)).isEqualTo(Severity.LOW);
        Alert scan = alerts.get(alerts.size() - 1);
        assertThat(scan.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(scan.entities().network())
                .extracting(NetworkConnection::direction)
                .containsExactly(Direction.INBOUND);
        assertThat(scan.entities().domains()).containsExactly("ignored.example");
    }

    @Test
    void keepsOtherEventTypesAsInfoContext() {
        assertThat(alerts)
                .extracting(Alert::kind)
                .containsExactly(AlertKind.ALERT, AlertKind.EVENT, AlertKind.EVENT, AlertKind.EVENT, AlertKind.ALERT);
        Alert dns = alerts.get(1);
        assertThat(dns.title()).isEqualTo("suricata dns event");
        assertThat(dns.severity()).isEqualTo(Severity.INFO);
        assertThat(dns.category()).isEqualTo("dns");
        assertThat(dns.entities().domains()).containsExactly("bad.example.net");
        Alert file = alerts.get(2);
        assertThat(file.entities().files())
                .containsExactly(new FileInfo(
                        "/payload.bin",
                        new FileHashes(
                                "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8",
                                "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
                                "0cc175b9c0f1b6a831c399e269772661")));
        assertThat(alerts.get(3).title()).isEqualTo("suricata stats event");
        assertThat(alerts.get(3).entities().network()).isEmpty();
    }

    @Test
    void rejectsRecordsWithoutEventTypeAndBrokenLinesAndGoesOn() {
        assertThat(outcome.rejections()).extracting(Rejection::index).containsExactly(4, 5);
        assertThat(outcome.rejections()).extracting(Rejection::line).containsExactly(5, 6);
        assertThat(outcome.rejections().get(0).error()).contains("no event_type");
        assertThat(outcome.rejections().get(1).error()).startsWith("malformed JSON");
    }

    @Test
    void readsAnArrayOfEveRecords() {
        String array = "[" + line("suricata/eve.json", 1) + ",\n" + line("suricata/eve.json", 2) + "]";
        ParseOutcome fromArray = ParserFixtures.parse(
                array.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                SourceFormat.SURICATA,
                dev.vigil.ingest.IngestLimits.defaults());
        assertThat(fromArray.alerts())
                .extracting(Alert::raw)
                .containsExactly(line("suricata/eve.json", 1), line("suricata/eve.json", 2));
        assertThat(fromArray.rejections()).isEmpty();
    }

    @Test
    void neverThrowsOnArbitraryInput() {
        ParserFixtures.neverThrows(SourceFormat.SURICATA, ParserFixtures.bytes("suricata/eve.json"));
    }
}
