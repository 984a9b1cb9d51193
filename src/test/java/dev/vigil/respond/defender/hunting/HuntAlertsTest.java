package dev.vigil.respond.defender.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Host;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HuntAlertsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
    private static final String SHA1 = "220e7d15b011d7fac48f2bd61114db1022197f7f";
    private static final String SHA256 = "4b2f1d0a5c3e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a";

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode row(String text) {
        return json.readTree(text);
    }

    @Test
    void mapsTheWellKnownColumnsIntoTheCanonicalAlert() {
        JsonNode row = row("{\"Timestamp\":\"2026-11-26T04:10:26.2648757Z\",\"DeviceId\":\"10cbf9182d4e9566\","
                + "\"DeviceName\":\"ws-001.contoso.com\",\"AccountName\":\"alice\",\"AccountDomain\":\"contoso\","
                + "\"SHA1\":\"" + SHA1.toUpperCase() + "\",\"SHA256\":\"" + SHA256 + "\","
                + "\"FolderPath\":\"C:\\\\Temp\\\\evil.exe\",\"FileName\":\"evil.exe\","
                + "\"RemoteIP\":\"203.0.113.7\",\"RemotePort\":443,\"LocalIP\":\"10.1.0.1\",\"ReportId\":1234}");

        Alert alert =
                HuntAlerts.toAlert("contoso", "encoded-powershell", "Encoded PowerShell", Severity.HIGH, row, NOW);

        assertThat(alert.source()).isEqualTo(SourceFormat.HUNTING);
        assertThat(alert.kind()).isEqualTo(AlertKind.ALERT);
        assertThat(alert.title()).isEqualTo("Hunt encoded-powershell: Encoded PowerShell");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isEqualTo("contoso");
        assertThat(alert.receivedAt()).isEqualTo(NOW);
        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-11-26T04:10:26.2648757Z"));
        assertThat(alert.entities().hosts())
                .containsExactly(new Host("ws-001.contoso.com", "10.1.0.1", "10cbf9182d4e9566"));
        assertThat(alert.entities().users()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("alice");
            assertThat(u.domain()).isEqualTo("contoso");
        });
        assertThat(alert.entities().files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("C:\\Temp\\evil.exe");
            assertThat(f.hashes().sha1()).isEqualTo(SHA1);
            assertThat(f.hashes().sha256()).isEqualTo(SHA256);
        });
        assertThat(alert.entities().network()).singleElement().satisfies(n -> {
            assertThat(n.destinationIp()).isEqualTo("203.0.113.7");
            assertThat(n.destinationPort()).isEqualTo(443);
            assertThat(n.sourceIp()).isEqualTo("10.1.0.1");
        });
        assertThat(json.readTree(alert.raw())).isEqualTo(row);
        assertThat(alert.nativeId()).isEqualTo("encoded-powershell/" + HuntAlerts.rowKey(row));
    }

    @Test
    void anUpnIsPreferredToTheBareAccountNameAndTheNameIsTheTitleWithoutADescription() {
        Alert alert = HuntAlerts.toAlert(
                "contoso",
                "logons",
                null,
                Severity.LOW,
                row("{\"AccountName\":\"bob\",\"AccountUpn\":\"bob@contoso.com\"}"),
                NOW);

        assertThat(alert.title()).isEqualTo("Hunt logons");
        assertThat(alert.entities().users())
                .singleElement()
                .satisfies(u -> assertThat(u.name()).isEqualTo("bob@contoso.com"));
        assertThat(alert.occurredAt()).isNull();
        assertThat(alert.entities().hosts()).isEmpty();
    }

    @Test
    void aValueThatIsNotAHashIsDroppedNotFatal() {
        Alert alert = HuntAlerts.toAlert(
                "contoso", "q", null, Severity.MEDIUM, row("{\"SHA256\":\"not-a-hash\",\"Timestamp\":\"soon\"}"), NOW);

        assertThat(alert.entities().files()).isEmpty();
        assertThat(alert.occurredAt()).isNull();
    }

    @Test
    void aRowWithAReportIdIsKnownByReportIdDeviceAndTime() {
        JsonNode first = row("{\"ReportId\":77,\"DeviceId\":\"d1\",\"Timestamp\":\"2026-11-26T04:00:00Z\",\"X\":1}");
        JsonNode sameEventOtherColumns =
                row("{\"Timestamp\":\"2026-11-26T04:00:00Z\",\"DeviceId\":\"d1\",\"ReportId\":77,\"X\":2}");
        JsonNode otherDevice = row("{\"ReportId\":77,\"DeviceId\":\"d2\",\"Timestamp\":\"2026-11-26T04:00:00Z\"}");

        assertThat(HuntAlerts.rowKey(first)).isEqualTo("report:77|d1|2026-11-26T04:00:00Z");
        assertThat(HuntAlerts.rowKey(sameEventOtherColumns)).isEqualTo(HuntAlerts.rowKey(first));
        assertThat(HuntAlerts.rowKey(otherDevice)).isNotEqualTo(HuntAlerts.rowKey(first));
    }

    @Test
    void aRowWithoutAReportIdIsKnownByAHashThatIgnoresColumnOrder() {
        JsonNode row = row("{\"A\":1,\"B\":{\"y\":2,\"x\":[1,2]}}");
        JsonNode reordered = row("{\"B\":{\"x\":[1,2],\"y\":2},\"A\":1}");
        JsonNode different = row("{\"A\":1,\"B\":{\"y\":3,\"x\":[1,2]}}");

        assertThat(HuntAlerts.rowKey(row)).startsWith("sha256:").hasSize(7 + 64);
        assertThat(HuntAlerts.rowKey(reordered)).isEqualTo(HuntAlerts.rowKey(row));
        assertThat(HuntAlerts.rowKey(different)).isNotEqualTo(HuntAlerts.rowKey(row));
    }
}
