package dev.vigil.ingest.parse;

import static dev.vigil.ingest.parse.ParserFixtures.line;
import static dev.vigil.ingest.parse.ParserFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Direction;
import dev.vigil.alert.FileHashes;
import dev.vigil.alert.FileInfo;
import dev.vigil.alert.Host;
import dev.vigil.alert.NetworkConnection;
import dev.vigil.alert.ProcessInfo;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.UserAccount;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WindowsEventParserTest {

    private static final String SYSMON_HASHES = "SHA1=7662A8D2F23C3474DEC6EF8E2B0365B0B86714EE,"
            + "MD5=F68AF942FD7CCC0E7BAB1A2335D2AD26,"
            + "SHA256=11064E9EDC605BD5B0C0A505538A0D5FD7DE53883AF342F091687CAE8628ACD0,"
            + "IMPHASH=F27A7FC3A53E74F45BE370131953896A";

    private static ParseOutcome xml(String text) {
        return ParserFixtures.parse(
                text.getBytes(StandardCharsets.UTF_8), SourceFormat.SYSMON, IngestLimits.defaults());
    }

    @Test
    void mapsASysmonProcessCreationWithHashesUserAndParent() {
        Alert event = parse("sysmon/events.jsonl", SourceFormat.SYSMON).alerts().get(0);
        assertThat(event.kind()).isEqualTo(AlertKind.EVENT);
        assertThat(event.severity()).isEqualTo(Severity.INFO);
        assertThat(event.nativeSeverity()).isEqualTo("4");
        assertThat(event.title()).isEqualTo("Sysmon 1: Process creation");
        assertThat(event.category()).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.nativeId()).isEqualTo("WKS01.corp.example/Microsoft-Windows-Sysmon/Operational/88123");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-05-02T08:15:42.120Z"));
        assertThat(event.entities().hosts()).containsExactly(new Host("WKS01.corp.example", null, null));
        assertThat(event.entities().users()).containsExactly(new UserAccount("alice", "CORP", null, false));
        assertThat(event.entities().processes())
                .containsExactly(
                        new ProcessInfo(
                                "C:\\Windows\\System32\\rundll32.exe",
                                "\"C:\\Windows\\System32\\rundll32.exe\" C:\\windows\\System32\\comsvcs.dll"
                                        + " MiniDump 756 C:\\Temp\\l.dmp full",
                                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                6328L,
                                new FileHashes(
                                        "7662a8d2f23c3474dec6ef8e2b0365b0b86714ee",
                                        "11064e9edc605bd5b0c0a505538a0d5fd7de53883af342f091687cae8628acd0",
                                        "f68af942fd7ccc0e7bab1a2335d2ad26")),
                        new ProcessInfo(
                                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                "powershell.exe -nop -w hidden",
                                null,
                                4100L,
                                FileHashes.NONE));
        assertThat(event.raw()).isEqualTo(line("sysmon/events.jsonl", 1));
    }

    @Test
    void parsesSysmonHashesWhateverTheirOrder() {
        assertThat(SysmonHashes.parse(SYSMON_HASHES).md5()).isEqualTo("f68af942fd7ccc0e7bab1a2335d2ad26");
        assertThat(SysmonHashes.parse("MD5=f68af942fd7ccc0e7bab1a2335d2ad26").sha1())
                .isNull();
        assertThat(SysmonHashes.parse("SHA256=not-a-hash,garbage")).isEqualTo(FileHashes.NONE);
    }

    @Test
    void mapsASysmonNetworkConnectionAsOutboundWithAPrivilegedSystemUser() {
        Alert event = parse("sysmon/events.jsonl", SourceFormat.SYSMON).alerts().get(1);
        assertThat(event.title()).isEqualTo("Sysmon 3: Network connection");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-05-02T08:15:43Z"));
        assertThat(event.entities().network())
                .containsExactly(
                        new NetworkConnection("192.168.10.23", 51544, "203.0.113.50", 443, "tcp", Direction.OUTBOUND));
        assertThat(event.entities().domains()).containsExactly("bad.example.net");
        assertThat(event.entities().users()).containsExactly(new UserAccount("SYSTEM", "NT AUTHORITY", null, true));
    }

    @Test
    void mapsASecurityProcessCreationWithHexIdsAndTheBuiltInAdministrator() {
        Alert event = parse("sysmon/events.jsonl", SourceFormat.SYSMON).alerts().get(2);
        assertThat(event.title()).isEqualTo("Security 4688: A new process has been created");
        assertThat(event.category()).isEqualTo("Security");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-05-02T08:15:44Z"));
        assertThat(event.entities().users())
                .containsExactly(new UserAccount(
                        "Administrator", "CORP", "S-1-5-21-1111111111-2222222222-3333333333-500", true));
        assertThat(event.entities().processes())
                .containsExactly(new ProcessInfo(
                        "C:\\Windows\\System32\\net.exe",
                        "net localgroup Administrators",
                        "C:\\Windows\\System32\\cmd.exe",
                        0x18b8L,
                        FileHashes.NONE));
    }

    @Test
    void readsWinlogbeatShapeAndTitlesUnknownChannelsByChannelAndId() {
        List<Alert> events = parse("sysmon/events.jsonl", SourceFormat.SYSMON).alerts();
        Alert dns = events.get(3);
        assertThat(dns.title()).isEqualTo("Sysmon 22: DNSEvent (DNS query)");
        assertThat(dns.nativeId()).isEqualTo("WKS02.corp.example/Microsoft-Windows-Sysmon/Operational/4242");
        assertThat(dns.entities().hosts()).extracting(Host::name).containsExactly("WKS02.corp.example");
        assertThat(dns.entities().domains()).containsExactly("bad.example.net");
        assertThat(dns.entities().processes())
                .extracting(ProcessInfo::image, ProcessInfo::pid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("C:\\Tools\\beacon.exe", 912L));
        assertThat(events.get(4).title()).isEqualTo("Microsoft-Windows-PowerShell/Operational 4104");
    }

    @Test
    void rejectsARecordWithoutANumericEventId() {
        ParseOutcome outcome = parse("sysmon/events.jsonl", SourceFormat.SYSMON);
        assertThat(outcome.alerts()).hasSize(5);
        assertThat(outcome.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.index()).isEqualTo(5);
            assertThat(rejection.line()).isEqualTo(6);
            assertThat(rejection.error()).contains("no numeric EventID");
        });
    }

    @Test
    void readsEventXmlInsideAnEventsWrapperKeepingEachEventVerbatim() {
        ParseOutcome outcome = parse("sysmon/events.xml", SourceFormat.SYSMON);
        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.alerts()).hasSize(2);

        Alert file = outcome.alerts().get(0);
        assertThat(file.title()).isEqualTo("Sysmon 11: FileCreate");
        assertThat(file.occurredAt()).isEqualTo(Instant.parse("2024-05-02T08:16:00.5Z"));
        assertThat(file.nativeId()).isEqualTo("WKS01.corp.example/Microsoft-Windows-Sysmon/Operational/88130");
        assertThat(file.entities().files())
                .containsExactly(
                        new FileInfo("C:\\Users\\alice\\AppData\\Local\\Temp\\drop & run.ps1", FileHashes.NONE));
        assertThat(file.entities().users()).containsExactly(new UserAccount("alice", "CORP", null, false));
        assertThat(file.raw()).isEqualTo(line("sysmon/events.xml", 3));

        Alert logon = outcome.alerts().get(1);
        assertThat(logon.title()).isEqualTo("Security 4624: An account was successfully logged on");
        assertThat(logon.entities().hosts()).extracting(Host::name).containsExactly("DC01.corp.example");
        assertThat(logon.entities().users())
                .containsExactly(
                        new UserAccount("alice", "CORP", "S-1-5-21-1111111111-2222222222-3333333333-1104", false));
        assertThat(logon.entities().network())
                .containsExactly(new NetworkConnection("192.168.10.23", 62782, null, null, null, Direction.INBOUND));
        assertThat(logon.raw()).startsWith("<Event xmlns=").endsWith("</Event>").contains("<Data Name=\"IpPort\">");
    }

    @Test
    void readsConcatenatedEventsAndReportsABrokenOneByItsLine() {
        String events = "<Event><System><EventID>5</EventID><Channel>Microsoft-Windows-Sysmon/Operational</Channel>"
                + "<Security UserID=\"S-1-5-18\"/></System><EventData><Data Name=\"Image\">C:\\a.exe</Data></EventData>"
                + "</Event>\n<Event><System><EventID>1</EventID></Broken></Event>\n"
                + "<Event><System><EventID>4720</EventID><Channel>Security</Channel></System></Event>";
        ParseOutcome outcome = xml(events);
        assertThat(outcome.alerts())
                .extracting(Alert::title)
                .containsExactly("Sysmon 5: Process terminated", "Security 4720: A user account was created");
        assertThat(outcome.alerts().get(0).entities().users())
                .containsExactly(new UserAccount(null, null, "S-1-5-18", true));
        assertThat(outcome.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.index()).isEqualTo(1);
            assertThat(rejection.line()).isEqualTo(2);
            assertThat(rejection.error()).startsWith("malformed Windows event XML");
        });
    }

    @Test
    void refusesXmlWithExternalEntities() {
        ParseOutcome outcome =
                xml("<?xml version=\"1.0\"?>\n<!DOCTYPE Event [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                        + "<Event><System><EventID>1</EventID><Computer>&xxe;</Computer></System></Event>");
        assertThat(outcome.alerts()).isEmpty();
        assertThat(outcome.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.line()).isEqualTo(2);
            assertThat(rejection.error()).contains("DOCTYPE");
        });
    }

    @Test
    void refusesEntityReferencesThatNoDtdDeclares() {
        ParseOutcome outcome = xml("<Event><System><EventID>1</EventID><Computer>&xxe;</Computer></System></Event>");
        assertThat(outcome.alerts()).isEmpty();
        assertThat(outcome.rejections())
                .singleElement()
                .satisfies(rejection -> assertThat(rejection.error())
                        .startsWith("malformed Windows event XML")
                        .doesNotContain("root:"));
    }

    @Test
    void refusesAnEventOverTheSizeLimit() {
        IngestLimits small = new IngestLimits(DataSize.ofMegabytes(10), DataSize.ofBytes(120), 64);
        String big = "<Event><System><EventID>1</EventID></System><EventData><Data Name=\"CommandLine\">"
                + "x".repeat(200) + "</Data></EventData></Event>";
        ParseOutcome outcome = ParserFixtures.parse(
                (big + "\n<Event><System><EventID>1</EventID></System></Event>").getBytes(StandardCharsets.UTF_8),
                SourceFormat.SYSMON,
                small);
        assertThat(outcome.alerts()).hasSize(1);
        assertThat(outcome.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.index()).isZero();
            assertThat(rejection.error()).contains("over the limit");
        });
    }

    @Test
    void neverThrowsOnArbitraryInput() {
        ParserFixtures.neverThrows(SourceFormat.SYSMON, ParserFixtures.bytes("sysmon/events.xml"));
        ParserFixtures.neverThrows(SourceFormat.SYSMON, ParserFixtures.bytes("sysmon/events.jsonl"));
    }
}
