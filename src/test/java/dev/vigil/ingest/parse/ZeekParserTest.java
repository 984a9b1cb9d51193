package dev.vigil.ingest.parse;

import static dev.vigil.ingest.parse.ParserFixtures.line;
import static dev.vigil.ingest.parse.ParserFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Direction;
import dev.vigil.alert.NetworkConnection;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.ParseOutcome;
import dev.vigil.ingest.Rejection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ZeekParserTest {

    @Test
    void turnsTsvNoticesIntoAlertsWithTheirConnection() {
        ParseOutcome outcome = parse("zeek/notice.log", SourceFormat.ZEEK);
        Alert notice = outcome.alerts().get(0);
        assertThat(notice.kind()).isEqualTo(AlertKind.ALERT);
        assertThat(notice.title())
                .isEqualTo(
                        "SSL::Invalid_Server_Cert: SSL certificate validation failed with (self signed certificate)");
        assertThat(notice.category()).isEqualTo("SSL::Invalid_Server_Cert");
        assertThat(notice.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(notice.description()).isEqualTo("CN=bad.example.net\\,O=Evil");
        assertThat(notice.nativeId()).isEqualTo("CAbc123:SSL::Invalid_Server_Cert");
        assertThat(notice.occurredAt()).isEqualTo(Instant.ofEpochSecond(1714644942, 123_456_000));
        assertThat(notice.entities().network())
                .containsExactly(
                        new NetworkConnection("192.168.10.23", 51544, "203.0.113.50", 443, "tcp", Direction.OUTBOUND));
        assertThat(notice.tenant()).isEqualTo("acme");
    }

    @Test
    void keepsTheFieldsHeaderWithEachTsvRecordSoItCanBeReadAlone() {
        Alert notice = parse("zeek/notice.log", SourceFormat.ZEEK).alerts().get(0);
        assertThat(notice.raw()).isEqualTo(line("zeek/notice.log", 8) + "\n" + line("zeek/notice.log", 10));

        ParseOutcome again = ParserFixtures.parse(
                notice.raw().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                SourceFormat.ZEEK,
                dev.vigil.ingest.IngestLimits.defaults());
        assertThat(again.alerts()).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo(notice.title());
            assertThat(a.entities()).isEqualTo(notice.entities());
        });
    }

    @Test
    void readsTsvWithMaskedTimestampsAndRaisesOffensiveNotes() {
        Alert guessing = parse("zeek/notice.log", SourceFormat.ZEEK).alerts().get(1);
        assertThat(guessing.occurredAt()).isNull();
        assertThat(guessing.severity()).isEqualTo(Severity.HIGH);
        assertThat(guessing.title()).startsWith("SSH::Password_Guessing: 198.51.100.7 appears to be guessing");
        assertThat(guessing.description()).isNull();
        assertThat(guessing.entities().network())
                .containsExactly(new NetworkConnection("198.51.100.7", null, null, null, null, Direction.UNKNOWN));
    }

    @Test
    void rejectsALineWithTheWrongNumberOfColumnsByItsLineNumber() {
        ParseOutcome outcome = parse("zeek/notice.log", SourceFormat.ZEEK);
        assertThat(outcome.alerts()).hasSize(2);
        assertThat(outcome.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.index()).isEqualTo(2);
            assertThat(rejection.line()).isEqualTo(12);
            assertThat(rejection.error()).contains("expected 14 fields").contains("found 4");
        });
    }

    @Test
    void turnsNoticeAndWeirdIntoAlertsAndConnIntoContext() {
        Alert conn = parse("zeek/conn.log", SourceFormat.ZEEK).alerts().get(0);
        assertThat(conn.kind()).isEqualTo(AlertKind.EVENT);
        assertThat(conn.severity()).isEqualTo(Severity.INFO);
        assertThat(conn.title()).isEqualTo("zeek conn event");
        assertThat(conn.nativeId()).isEqualTo("Cconn1");
        assertThat(conn.entities().network())
                .extracting(NetworkConnection::direction)
                .containsExactly(Direction.OUTBOUND);

        ParseOutcome json = parse("zeek/mixed.json", SourceFormat.ZEEK);
        assertThat(json.rejections()).isEmpty();
        assertThat(json.alerts())
                .extracting(Alert::kind)
                .containsExactly(AlertKind.ALERT, AlertKind.EVENT, AlertKind.EVENT, AlertKind.ALERT);
        Alert weird = json.alerts().get(0);
        assertThat(weird.title()).isEqualTo("bad_HTTP_request");
        assertThat(weird.severity()).isEqualTo(Severity.LOW);
        assertThat(weird.description()).isEqualTo("PRI");
        assertThat(weird.occurredAt()).isEqualTo(Instant.ofEpochSecond(1714644941, 250_000_000));
        assertThat(weird.entities().network())
                .containsExactly(
                        new NetworkConnection("192.168.10.23", 51544, "203.0.113.50", 80, null, Direction.OUTBOUND));
        assertThat(weird.raw()).isEqualTo(line("zeek/mixed.json", 1));
    }

    @Test
    void infersTheLogOfJsonRecordsFromTheirFields() {
        ParseOutcome json = parse("zeek/mixed.json", SourceFormat.ZEEK);
        Alert dns = json.alerts().get(1);
        assertThat(dns.title()).isEqualTo("zeek dns event");
        assertThat(dns.entities().domains()).containsExactly("bad.example.net");
        assertThat(dns.entities().network())
                .extracting(NetworkConnection::sourceIp, NetworkConnection::destinationPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("192.168.10.23", 53));

        Alert http = json.alerts().get(2);
        assertThat(http.title()).isEqualTo("zeek http event");
        assertThat(http.occurredAt()).isEqualTo(Instant.parse("2024-05-02T10:15:43Z"));
        assertThat(http.entities().urls()).containsExactly("http://bad.example.net:8080/payload.bin");

        Alert scan = json.alerts().get(3);
        assertThat(scan.severity()).isEqualTo(Severity.HIGH);
        assertThat(scan.entities().network())
                .containsExactly(
                        new NetworkConnection("198.51.100.7", 4444, "192.168.10.5", 22, null, Direction.INBOUND));
    }

    @Test
    void rejectsDataBeforeAnyHeader() {
        ParseOutcome outcome = ParserFixtures.parse(
                "1714644942.1\tCx\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                SourceFormat.ZEEK,
                dev.vigil.ingest.IngestLimits.defaults());
        assertThat(outcome.alerts()).isEmpty();
        assertThat(outcome.rejections()).extracting(Rejection::line).containsExactly(1);
    }

    @Test
    void neverThrowsOnArbitraryInput() {
        ParserFixtures.neverThrows(SourceFormat.ZEEK, ParserFixtures.bytes("zeek/notice.log"));
        ParserFixtures.neverThrows(SourceFormat.ZEEK, ParserFixtures.bytes("zeek/mixed.json"));
    }
}
