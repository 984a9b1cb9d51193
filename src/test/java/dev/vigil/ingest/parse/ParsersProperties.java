package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.ParseOutcome;
import dev.vigil.ingest.Rejection;
import dev.vigil.ingest.UnknownFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Whatever bytes arrive, every parser (named or detected) ends in alerts and rejections: no exception but
 * {@link UnknownFormat} when detecting, no parser crash hidden by the safety net in {@link Parsers}, no stack
 * overflow, and a bad record never costs the records before it. The properties assert invariants, not counts,
 * so they hold for the stub parsers and for the real ones alike.
 *
 * <p>Mutations start from small seeds written here in each format's real shape and, where {@code ../shared}
 * exists (system property {@code vigil.shared.dir}), from the public samples as well.
 */
class ParsersProperties {

    private static final IngestLimits LIMITS = IngestLimits.defaults();
    private static final ParseContext CONTEXT = new ParseContext(Instant.parse("2026-01-01T00:00:00Z"), null);

    /** What {@link Parsers} reports when a parser threw instead of rejecting: a bug, never an answer. */
    private static final Pattern PARSER_CRASH =
            Pattern.compile("could not parse the input as \\w+: (\\w*(Exception|Error))?");

    private static final int TWO_MEGABYTES = 2 * 1024 * 1024;
    private static final int SAMPLE_LINES_KEPT = 40;

    private final Parsers parsers = new Parsers(LIMITS);

    // ---------------------------------------------------------------- properties

    @Property(tries = 300)
    void arbitraryBytesNeverBreakAnyParser(@ForAll("arbitraryInputs") Input input) {
        detectAndCheck(input.bytes());
        for (SourceFormat format : SourceFormat.values()) {
            parseAndCheck(input.bytes(), format);
        }
    }

    @Property(tries = 300)
    void mutatedSamplesNeverBreakAnyParser(
            @ForAll("seeds") Seed seed, @ForAll("mutations") List<Mutation> mutations, @ForAll SourceFormat other) {
        byte[] mutated = seed.bytes();
        for (Mutation mutation : mutations) {
            mutated = mutation.apply(mutated);
        }
        parseAndCheck(mutated, seed.format());
        detectAndCheck(mutated);
        parseAndCheck(mutated, other);
    }

    @Property(tries = 200)
    void aBadLineAppendedNeverCostsTheAlertsBeforeIt(
            @ForAll("lineOrientedSeeds") Seed seed,
            @ForAll @IntRange(min = 0, max = 1000) int lineToSpoil,
            @ForAll("mutations") List<Mutation> spoilers,
            @ForAll("garbageLines") Input garbage,
            @ForAll boolean useGarbage) {
        byte[] badLine = useGarbage ? garbage.bytes() : spoil(seed.bytes(), lineToSpoil, spoilers);

        ParseOutcome before = parseAndCheck(seed.bytes(), seed.format());
        ParseOutcome after = parseAndCheck(appendLine(seed.bytes(), badLine), seed.format());

        assertThat(after.alerts())
                .as("alerts after appending a bad line to %s", seed)
                .hasSizeGreaterThanOrEqualTo(before.alerts().size());
        assertThat(after.alerts().stream().map(Alert::raw).toList())
                .as("the alerts of the unmodified lines of %s are all still there", seed)
                .containsAll(before.alerts().stream().map(Alert::raw).toList());
    }

    @Property(tries = 100)
    void aRecordNestedBeyondTheDepthLimitIsRejected(
            @ForAll("jsonEnvelopes") Seed envelope,
            @ForAll @IntRange(min = 0, max = 1000) int valueToReplace,
            @ForAll @IntRange(min = 1, max = 20_000) int beyondLimit,
            @ForAll("nestings") Nesting nesting) {
        byte[] deep = nesting.build(LIMITS.maxJsonDepth() + beyondLimit);
        byte[] record = replaceValue(envelope.bytes(), valueToReplace, deep);

        for (SourceFormat format : SourceFormat.values()) {
            ParseOutcome outcome = parseAndCheck(record, format);
            assertThat(outcome.rejections())
                    .as("%s nested %d levels, parsed as %s", envelope, LIMITS.maxJsonDepth() + beyondLimit, format)
                    .isNotEmpty();
            assertThat(outcome.alerts()).isEmpty();
        }
        ParseOutcome detected = detectAndCheck(record);
        if (detected != null) {
            assertThat(detected.rejections()).isNotEmpty();
            assertThat(detected.alerts()).isEmpty();
        }
    }

    @Example
    void everyPublicSampleParsesWithinTheInvariants() {
        Path samples = samplesFolder();
        Assumptions.assumeTrue(
                Files.isDirectory(samples),
                () -> "skipped: the public samples folder " + samples.toAbsolutePath() + " does not exist");
        for (Seed sample : publicSamples(Integer.MAX_VALUE)) {
            parseAndCheck(sample.bytes(), sample.format());
            detectAndCheck(sample.bytes());
        }
    }

    // ---------------------------------------------------------------- the invariants

    /** Parses with the format named and checks the outcome; naming a format rules out {@link UnknownFormat}. */
    private ParseOutcome parseAndCheck(byte[] input, SourceFormat format) {
        return checked(input, format);
    }

    /** Detects the format, parses and checks the outcome; {@code null} when no format was recognised. */
    private @Nullable ParseOutcome detectAndCheck(byte[] input) {
        try {
            return checked(input, null);
        } catch (UnknownFormat e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    private ParseOutcome checked(byte[] input, @Nullable SourceFormat format) {
        ParseOutcome outcome = parsers.parse(input, format, CONTEXT);
        String as = format == null ? "detected format" : format.id();

        assertThat(outcome).as(as).isNotNull();
        assertThat(outcome.format()).as(as).isNotNull();
        if (format != null) {
            assertThat(outcome.format()).isEqualTo(format);
        }
        assertThat(outcome.alerts()).as(as).isNotNull();
        assertThat(outcome.rejections()).as(as).isNotNull();
        for (Rejection rejection : outcome.rejections()) {
            assertThat(rejection.error()).as("%s: error of %s", as, rejection).isNotBlank();
            assertThat(rejection.error())
                    .as("%s: the parser threw instead of rejecting the record", as)
                    .doesNotMatch(PARSER_CRASH);
            if (rejection.line() != null) {
                assertThat(rejection.line()).as("%s: line of %s", as, rejection).isPositive();
            }
        }
        for (Alert alert : outcome.alerts()) {
            assertThat(alert.id()).as(as).isNotNull();
            assertThat(alert.id().value().version())
                    .as("%s: alert id version", as)
                    .isEqualTo(7);
            assertThat(alert.title()).as(as).isNotBlank();
            assertThat(alert.raw()).as(as).isNotNull();
            assertThat(alert.kind()).as(as).isNotNull();
            assertThat(alert.source()).as(as).isNotNull();
            assertThat(alert.severity()).as(as).isNotNull();
            assertThat(alert.entities()).as(as).isNotNull();
            assertThat(alert.receivedAt()).as(as).isNotNull();
        }
        return outcome;
    }

    // ---------------------------------------------------------------- arbitrary input

    /** Bytes with a short printable description, so a failing sample of a megabyte reports readably. */
    record Input(String kind, byte[] bytes) {
        @Override
        public String toString() {
            return kind + " (" + bytes.length + " bytes) " + Seed.preview(bytes);
        }
    }

    @Provide
    Arbitrary<Input> arbitraryInputs() {
        Arbitrary<byte[]> prefix = Arbitraries.of(PREFIXES).map(p -> p.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new Input("empty", new byte[0]))),
                Tuple.of(
                        1,
                        Arbitraries.of("\n", "\r\n", " \t ", "\uFEFF", "\uFEFF\n", "{}", "[]", "#", "<")
                                .map(s -> new Input("tiny", s.getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(6, randomBytes(0, 4096).map(b -> new Input("random bytes", b))),
                Tuple.of(6, jsonishText().map(b -> new Input("JSON-ish text", b))),
                Tuple.of(
                        3,
                        Arbitraries.strings()
                                .all()
                                .ofMaxLength(500)
                                .map(s -> new Input("any unicode", s.getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(
                        6,
                        Combinators.combine(prefix, Arbitraries.oneOf(randomBytes(0, 2048), jsonishText()))
                                .as((p, rest) -> new Input("known prefix + noise", concat(p, rest)))),
                Tuple.of(4, invalidUtf8().map(b -> new Input("invalid UTF-8", b))),
                Tuple.of(
                        1,
                        Combinators.combine(Arbitraries.of(BOMS), Arbitraries.oneOf(randomBytes(0, 512), jsonishText()))
                                .as((bom, rest) -> new Input("byte order mark + noise", concat(bom, rest)))),
                Tuple.of(1, randomBytes(256 * 1024, 1_200_000).map(b -> new Input("huge-ish random bytes", b))),
                Tuple.of(
                        1,
                        Combinators.combine(
                                        Arbitraries.of("{}\n", "[]\n", "{\"event_type\":\"alert\"}\n", "\n", "#\n"),
                                        Arbitraries.integers().between(1_000, 60_000))
                                .as((line, times) -> new Input(
                                        "many tiny lines", line.repeat(times).getBytes(StandardCharsets.UTF_8)))));
    }

    @Provide
    Arbitrary<Input> garbageLines() {
        return Arbitraries.oneOf(
                        randomBytes(1, 300),
                        jsonishText(),
                        invalidUtf8(),
                        Arbitraries.of(
                                        "{",
                                        "{\"",
                                        "{\"a\":",
                                        "[",
                                        "\"",
                                        "}",
                                        "]",
                                        "{{{{",
                                        "null",
                                        "42",
                                        "{\"event_type\":\"alert\",\"alert\":",
                                        "#fields",
                                        "-\t-\t-",
                                        "<Event>",
                                        "</Events>",
                                        ",{}")
                                .map(s -> s.getBytes(StandardCharsets.UTF_8)))
                .map(b -> new Input("garbage line", b));
    }

    private static Arbitrary<byte[]> randomBytes(int minSize, int maxSize) {
        // Filled from a seed rather than byte by byte: large arrays stay cheap to generate.
        return Combinators.combine(Arbitraries.integers().between(minSize, maxSize), Arbitraries.longs())
                .as((size, seed) -> {
                    byte[] bytes = new byte[size];
                    new Random(seed).nextBytes(bytes);
                    return bytes;
                });
    }

    private static Arbitrary<byte[]> jsonishText() {
        return Arbitraries.strings()
                .withChars("{}[]\":,.-+eE0123456789 \t\n\r\\/#<>=tuflnsrax_@\u00e9\u20ac\uFEFF")
                .ofMaxLength(2000)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> invalidUtf8() {
        Arbitrary<byte[]> fragment = Arbitraries.of(
                bytes(0xC0, 0x80), // overlong NUL
                bytes(0xFF),
                bytes(0xFE),
                bytes(0x80), // lone continuation byte
                bytes(0xED, 0xA0, 0x80), // encoded surrogate
                bytes(0xF4, 0x90, 0x80, 0x80), // beyond U+10FFFF
                bytes(0xE2, 0x82), // truncated sequence
                bytes(0xF0, 0x9F, 0x98), // truncated 4-byte sequence
                bytes(0x00),
                "a".getBytes(StandardCharsets.UTF_8),
                "\t".getBytes(StandardCharsets.UTF_8),
                "\n".getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> body = fragment.list().ofMaxSize(30).map(ParsersProperties::concat);
        Arbitrary<String> wrapper = Arbitraries.of(
                "%s",
                "{\"title\":\"%s\"}",
                "{\"event_type\":\"alert\",\"src_ip\":\"1.2.3.4\",\"alert\":{\"signature\":\"%s\"}}\n",
                "#separator \\x09\n#fields\tts\tnote\tmsg\n#types\ttime\tenum\tstring\n1.0\tX::Y\t%s\n",
                "<Event><System><EventID>1</EventID></System><EventData><Data Name=\"Image\">%s</Data></EventData></Event>");
        return Combinators.combine(wrapper, body).as((w, b) -> {
            int at = w.indexOf("%s");
            byte[] head = w.substring(0, at).getBytes(StandardCharsets.UTF_8);
            byte[] tail = w.substring(at + 2).getBytes(StandardCharsets.UTF_8);
            return concat(head, b, tail);
        });
    }

    /** Starts that steer detection and parsing down each format's path before the noise begins. */
    private static final List<String> PREFIXES = List.of(
            "{\"event_type\":\"alert\",\"src_ip\":",
            "{\"timestamp\":\"2019-01-02T03:50:11.315110\",\"flow_id\":1,\"event_type\":\"alert\",\"alert\":{",
            "{\"machineId\":",
            "{\"@odata.context\":\"https://api.securitycenter.microsoft.com/api/$metadata#Alerts\",\"value\":[{\"id\":",
            "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2/$entity\",\"id\":",
            "{\"serviceSource\":\"microsoftDefenderForEndpoint\",\"title\":",
            "#separator \\x09\n#fields\tts\tuid\tnote\tmsg\n#types\ttime\tstring\tenum\tstring\n",
            "#separator \\x09\n#set_separator\t,\n#fields\tts\n#types\ttime\n",
            "#",
            "{\"@stream\":\"notice\",\"uid\":",
            "{\"_path\":\"notice\",\"ts\":",
            "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><EventID>",
            "<?xml version=\"1.0\"?><!DOCTYPE Event [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><Event>&x;",
            "<Events><Event><System><Provider Name=\"Microsoft-Windows-Sysmon\"/><EventID>1</EventID>",
            "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",",
            "{\"winlog\":{\"event_id\":",
            "{\"sid\":\"scheduler\",\"result\":",
            "{\"preview\":false,\"offset\":0,\"result\":",
            "{\"fields\":[\"_raw\"],\"rows\":[[",
            "{\"event\":",
            "[",
            "[{",
            "\uFEFF{");

    private static final List<byte[]> BOMS =
            List.of(bytes(0xEF, 0xBB, 0xBF), bytes(0xFE, 0xFF), bytes(0xFF, 0xFE), bytes(0xFF, 0xFE, 0x00, 0x00));

    // ---------------------------------------------------------------- seeds and samples

    /** A well-formed input of one format to start mutating from. */
    record Seed(String name, SourceFormat format, byte[] bytes, boolean lineOriented) {
        @Override
        public String toString() {
            return name + " [" + format.id() + ", " + bytes.length + " bytes]";
        }

        static String preview(byte[] bytes) {
            String text = new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.ISO_8859_1);
            return '"' + text.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"';
        }
    }

    @Provide
    Arbitrary<Seed> seeds() {
        return Arbitraries.of(allSeeds());
    }

    @Provide
    Arbitrary<Seed> lineOrientedSeeds() {
        // Splunk export preview rows are provisional by definition: a later batch (a new preview row at
        // offset 0, or a final row) replaces them, so an appended line may rightly drop them. SplunkParserTest
        // covers that replacement; this property is about records that stand on their own.
        return Arbitraries.of(allSeeds().stream()
                .filter(Seed::lineOriented)
                .filter(seed -> !new String(seed.bytes(), StandardCharsets.UTF_8).contains("\"preview\":true"))
                .toList());
    }

    /** Built-in JSON seeds, each a single record, to bury a too-deep value in. */
    @Provide
    Arbitrary<Seed> jsonEnvelopes() {
        return Arbitraries.of(BUILT_IN.stream()
                .filter(seed -> seed.bytes()[0] == '{')
                .map(seed -> new Seed(seed.name(), seed.format(), firstLine(seed), false))
                .toList());
    }

    private static byte[] firstLine(Seed seed) {
        if (!seed.lineOriented()) {
            return seed.bytes();
        }
        String text = new String(seed.bytes(), StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf('\n')).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Seed> allSeeds() {
        List<Seed> all = new ArrayList<>(BUILT_IN);
        all.addAll(publicSamples(SAMPLE_LINES_KEPT));
        return all;
    }

    private static final List<Seed> BUILT_IN = List.of(
            seed("suricata eve alerts", SourceFormat.SURICATA, true, """
                    {"timestamp":"2019-01-02T03:50:11.315110+0000","flow_id":52710912,"in_iface":"eth0","event_type":"alert","src_ip":"203.0.113.171","src_port":49678,"dest_ip":"198.51.100.71","dest_port":22,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2001219,"rev":19,"signature":"ET SCAN Potential SSH Scan","category":"Attempted Information Leak","severity":2}}
                    {"timestamp":"2018-03-24T17:15:20.629574+0000","flow_id":1173340437416377,"event_type":"alert","src_ip":"10.47.26.160","src_port":49161,"dest_ip":"192.0.2.195","dest_port":80,"proto":"TCP","http":{"hostname":"example.test","url":"/a.ps1","http_method":"GET"},"alert":{"action":"allowed","gid":1,"signature_id":2018959,"rev":4,"signature":"ET POLICY PE EXE or DLL Windows file download HTTP","category":"Potential Corporate Privacy Violation","severity":1,"metadata":{"mitre_technique_id":["T1105"]}}}
                    """),
            seed("zeek notice tsv", SourceFormat.ZEEK, true, """
                    #separator \\x09
                    #set_separator\t,
                    #empty_field\t(empty)
                    #unset_field\t-
                    #path\tnotice
                    #open\t2018-03-24-17-15-20
                    #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tnote\tmsg\tsub\tsrc\tdst\tp\tactions\tsuppress_for
                    #types\ttime\tstring\taddr\tport\taddr\tport\tenum\tenum\tstring\tstring\taddr\taddr\tport\tset[enum]\tinterval
                    1521911720.629574\tCmC9kY1X0u9nP78KZc\t10.164.94.120\t39611\t10.47.3.200\t443\ttcp\tSSL::Invalid_Server_Cert\tSSL certificate validation failed with (unable to get local issuer certificate)\tCN=localhost.localdomain\t10.164.94.120\t10.47.3.200\t443\tNotice::ACTION_LOG\t3600.000000
                    1521911723.400423\tCVHA7z2oZ6BsxyvsYl\t10.47.26.160\t49161\t10.47.3.200\t22\ttcp\tSSH::Password_Guessing\t10.47.26.160 appears to be guessing SSH passwords (seen in 30 connections).\tSampled servers:  10.47.3.200\t10.47.26.160\t-\t-\tNotice::ACTION_LOG,Notice::ACTION_EMAIL\t3600.000000
                    #close\t2018-03-24-17-20-00
                    """),
            seed("zeek notice json", SourceFormat.ZEEK, true, """
                    {"@stream":"notice","@system":"scranton.example","@proc":"zeek","ts":1588205431.14,"uid":"CuKSqs2qUU4Ttyh1Ak","id_orig_h":"10.0.1.6","id_orig_p":49791,"id_resp_h":"192.0.2.10","id_resp_p":443,"proto":"tcp","note":"SSL::Invalid_Server_Cert","msg":"SSL certificate validation failed with (self signed certificate)","sub":"CN=example","src":"10.0.1.6","dst":"192.0.2.10","p":443,"actions":["Notice::ACTION_LOG"],"suppress_for":3600.0}
                    {"_path":"notice","ts":"2020-04-30T00:10:31.140000Z","uid":"CVHA7z2oZ6BsxyvsYl","id.orig_h":"10.47.26.160","id.orig_p":49161,"id.resp_h":"10.47.3.200","id.resp_p":22,"note":"SSH::Password_Guessing","msg":"10.47.26.160 appears to be guessing SSH passwords (seen in 30 connections).","actions":["Notice::ACTION_LOG"]}
                    """),
            seed("sysmon json events", SourceFormat.SYSMON, true, """
                    {"SourceName":"Microsoft-Windows-Sysmon","Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"WORKSTATION5.theshire.local","TimeCreated":"2020-10-18T19:50:12.345Z","EventID":1,"Message":"Process Create:","RuleName":"technique_id=T1003,technique_name=Credential Dumping","Image":"C:\\\\Windows\\\\System32\\\\rundll32.exe","CommandLine":"rundll32.exe C:\\\\windows\\\\System32\\\\comsvcs.dll, MiniDump 624 C:\\\\lsass.dmp full","User":"THESHIRE\\\\pgustavo","ProcessId":"6232","ParentImage":"C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe"}
                    {"SourceName":"Microsoft-Windows-Security-Auditing","Channel":"Security","Hostname":"WORKSTATION5.theshire.local","TimeCreated":"2020-10-18T19:50:13.001Z","EventID":4688,"Message":"A new process has been created.","NewProcessName":"C:\\\\Windows\\\\System32\\\\cmd.exe","SubjectUserName":"pgustavo"}
                    """),
            seed("windows event xml", SourceFormat.SYSMON, false, """
                    <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
                      <System>
                        <Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/>
                        <EventID>1</EventID><Version>5</Version><Level>4</Level><Task>1</Task>
                        <TimeCreated SystemTime="2020-10-18T19:50:12.3456789Z"/>
                        <EventRecordID>4242</EventRecordID>
                        <Execution ProcessID="3052" ThreadID="4120"/>
                        <Channel>Microsoft-Windows-Sysmon/Operational</Channel>
                        <Computer>WORKSTATION5.theshire.local</Computer>
                        <Security UserID="S-1-5-18"/>
                      </System>
                      <EventData>
                        <Data Name="RuleName">technique_id=T1003,technique_name=Credential Dumping</Data>
                        <Data Name="UtcTime">2020-10-18 19:50:12.345</Data>
                        <Data Name="ProcessId">6232</Data>
                        <Data Name="Image">C:\\Windows\\System32\\rundll32.exe</Data>
                        <Data Name="CommandLine">rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 624 C:\\lsass.dmp full</Data>
                        <Data Name="User">THESHIRE\\pgustavo</Data>
                        <Data Name="ParentImage">C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe</Data>
                      </EventData>
                    </Event>
                    """),
            seed("mde alert list", SourceFormat.DEFENDER, false, """
                    {
                      "@odata.context": "https://api.securitycenter.microsoft.com/api/$metadata#Alerts",
                      "value": [
                        {
                          "id": "da637472900382838869_1364969609",
                          "incidentId": 1126093,
                          "severity": "Low",
                          "status": "New",
                          "category": "Execution",
                          "title": "Low-reputation arbitrary code executed by signed executable",
                          "description": "Binaries signed by Microsoft can be used to run low-reputation arbitrary code.",
                          "alertCreationTime": "2021-01-26T20:33:57.7220239Z",
                          "machineId": "111e6dd8c833c8a052ea231ec1b19adaf497b625",
                          "computerDnsName": "temp123.middleeast.corp.microsoft.com",
                          "mitreTechniques": ["T1218.011"],
                          "evidence": [
                            {"entityType": "User", "accountName": "name", "domainName": "DOMAIN"},
                            {"entityType": "File", "sha256": "0c6bf6ba1a3e7e3d2a0c1ae4a2e2d4b2b1f6b2c0d2e7a0d3c4b5a6978695a4b3", "fileName": "rundll32.exe"}
                          ]
                        }
                      ]
                    }
                    """),
            seed("graph alert", SourceFormat.GRAPH, false, """
                    {
                      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2/$entity",
                      "id": "da637578995287051192_756343937",
                      "providerAlertId": "da637578995287051192_756343937",
                      "incidentId": "28282",
                      "status": "new",
                      "severity": "medium",
                      "category": "DefenseEvasion",
                      "title": "Suspicious execution of hidden file",
                      "serviceSource": "microsoftDefenderForEndpoint",
                      "detectionSource": "antivirus",
                      "createdDateTime": "2021-04-27T12:19:27.7211305Z",
                      "alertWebUrl": "https://security.microsoft.com/alerts/da637578995287051192_756343937",
                      "mitreTechniques": ["T1564.001"],
                      "evidence": [
                        {"@odata.type": "#microsoft.graph.security.deviceEvidence", "deviceDnsName": "tempDns", "osPlatform": "Windows10"},
                        {"@odata.type": "#microsoft.graph.security.processEvidence", "processId": 4780, "processCommandLine": "\\"explorer.exe\\" /x"}
                      ]
                    }
                    """),
            seed("splunk webhook", SourceFormat.SPLUNK, false, """
                    {
                      "result": {"host": "myserver", "sourcetype": "syslog", "_raw": "Oct  1 10:00:00 myserver sudo: jdoe : 3 incorrect password attempts", "count": "8"},
                      "sid": "scheduler_admin_search_W2_at_14232356_132",
                      "results_link": "http://splunk.example:8000/app/search/@go?sid=scheduler_admin_search_W2_at_14232356_132",
                      "search_name": "Failed sudo",
                      "owner": "admin",
                      "app": "search"
                    }
                    """),
            seed("splunk export lines", SourceFormat.SPLUNK, true, """
                    {"preview":false,"offset":0,"result":{"host":"web-01","_raw":"GET /login 401","_time":"2024-03-01T10:00:00.000+00:00","count":"3"}}
                    {"preview":false,"offset":1,"lastrow":true,"result":{"host":"web-02","_raw":"GET /admin 403","_time":"2024-03-01T10:00:01.000+00:00","count":"1"}}
                    """));

    private static Seed seed(String name, SourceFormat format, boolean lineOriented, String text) {
        return new Seed(name, format, text.getBytes(StandardCharsets.UTF_8), lineOriented);
    }

    private static final Map<Integer, List<Seed>> PUBLIC_SAMPLES = new HashMap<>();

    /** The public samples, line-oriented ones cut to their first {@code maxLines} lines; none without ../shared. */
    private static synchronized List<Seed> publicSamples(int maxLines) {
        return PUBLIC_SAMPLES.computeIfAbsent(maxLines, ParsersProperties::loadPublicSamples);
    }

    private static List<Seed> loadPublicSamples(int maxLines) {
        Path samples = samplesFolder();
        if (!Files.isDirectory(samples)) {
            return List.of();
        }
        List<Seed> seeds = new ArrayList<>();
        for (String folder : List.of("suricata", "zeek", "windows_mordor", "defender", "splunk")) {
            Path dir = samples.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".log")) {
                        seeds.add(sample(
                                folder + "/" + name, formatOf(folder, name), Files.readAllBytes(file), maxLines));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }

    private static SourceFormat formatOf(String folder, String name) {
        return switch (folder) {
            case "suricata" -> SourceFormat.SURICATA;
            case "zeek" -> SourceFormat.ZEEK;
            case "windows_mordor" -> SourceFormat.SYSMON;
            case "defender" -> name.startsWith("graph") ? SourceFormat.GRAPH : SourceFormat.DEFENDER;
            default -> SourceFormat.SPLUNK;
        };
    }

    private static Seed sample(String name, SourceFormat format, byte[] bytes, int maxLines) {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        List<String> content = lines.stream()
                .map(l -> l.replace("\uFEFF", ""))
                .filter(l -> !l.isBlank())
                .toList();
        boolean lineOriented = content.size() >= 2
                && (content.get(0).startsWith("#") || content.stream().allMatch(l -> l.startsWith("{")));
        if (!lineOriented || lines.size() <= maxLines) {
            return new Seed(name, format, bytes, lineOriented);
        }
        String kept = String.join("\n", lines.subList(0, maxLines)) + "\n";
        return new Seed(name + " (first " + maxLines + " lines)", format, kept.getBytes(StandardCharsets.UTF_8), true);
    }

    private static Path samplesFolder() {
        return Path.of(System.getProperty("vigil.shared.dir", "../shared")).resolve("samples");
    }

    // ---------------------------------------------------------------- mutations

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 1_000_000);
        Arbitrary<Mutation> mutation = Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Combinators.combine(at, Arbitraries.integers().between(0, 7))
                                .as(FlipBit::new)),
                Tuple.of(
                        3,
                        Combinators.combine(at, Arbitraries.oneOf(randomBytes(1, 16), interestingBytes()))
                                .as(InsertBytes::new)),
                Tuple.of(
                        3,
                        Combinators.combine(at, Arbitraries.integers().between(1, 64))
                                .as(DeleteBytes::new)),
                Tuple.of(1, at.map(Truncate::new)),
                Tuple.of(2, at.map(DuplicateLine::new)),
                Tuple.of(2, Combinators.combine(at, at).as(SwapLines::new)),
                Tuple.of(
                        4, Combinators.combine(at, Arbitraries.of(WRONG_VALUES)).as(ReplaceValue::new)),
                Tuple.of(
                        1,
                        Combinators.combine(at, Arbitraries.integers().between(1, 200), Arbitraries.of(Nesting.class))
                                .as(NestDeeply::new)),
                Tuple.of(1, at.map(HugeString::new)));
        return mutation.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Nesting> nestings() {
        return Arbitraries.of(Nesting.JSON_OBJECTS, Nesting.JSON_ARRAYS, Nesting.JSON_MIXED);
    }

    private static Arbitrary<byte[]> interestingBytes() {
        return Arbitraries.of(
                        "{", "}", "[", "]", "\"", ",", ":", "\\", "\n", "\t", "\r\n", "#", "<", ">", "\u0000", "\uFEFF")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** Values of the wrong JSON type (or, in a Zeek log, the wrong field type) for wherever they land. */
    private static final List<String> WRONG_VALUES = List.of(
            "123",
            "-1.5e308",
            "1e999999",
            "123456789012345678901234567890",
            "true",
            "null",
            "{}",
            "[]",
            "[1,\"a\",null,{}]",
            "{\"nested\":{\"x\":[1]}}",
            "\"\"",
            "\" \"",
            "\"text\"",
            "\"\\u0000\\ud800\"",
            "\"2020-13-45T25:61:61Z\"",
            "\"-1\"",
            "-",
            "(empty)",
            "NaN");

    /** A change to an input. Positions and line numbers wrap around the input's size. */
    sealed interface Mutation
            permits FlipBit,
                    InsertBytes,
                    DeleteBytes,
                    Truncate,
                    DuplicateLine,
                    SwapLines,
                    ReplaceValue,
                    NestDeeply,
                    HugeString {
        byte[] apply(byte[] input);
    }

    record FlipBit(int at, int bit) implements Mutation {
        @Override
        public byte[] apply(byte[] input) {
            if (input.length == 0) {
                return input;
            }
            byte[] out = input.clone();
            out[at % out.length] ^= (byte) (1 << bit);
            return out;
        }
    }

    record InsertBytes(int at, byte[] bytes) implements Mutation {
        @Override
        public byte[] apply(byte[] input) {
            int position = at % (input.length + 1);
            return concat(
                    Arrays.copyOfRange(input, 0, position), bytes, Arrays.copyOfRange(input, position, input.length));
        }

        @Override
        public String toString() {
            return "InsertBytes[at=" + at + ", bytes=" + Arrays.toString(bytes) + "]";
        }
    }

    record DeleteBytes(int at, int length) implements Mutation {
        @Override
        public byte[] apply(byte[] input) {
            if (input.length == 0) {
                return input;
            }
            int from = at % input.length;
            int to = Math.min(input.length, from + length);
            return concat(Arrays.copyOfRange(input, 0, from), Arrays.copyOfRange(input, to, input.length));
        }
    }

    record Truncate(int at) implements Mutation {
        @Override
        public byte[] apply(byte[] input) {
            return Arrays.copyOf(input, at % (input.length + 1));
        }
    }

    record DuplicateLine(int line) implements Mutation {
        @Override
        public byte[] apply(byte[] input) {
            Lines lines = Lines.of(input);
            int index = line % lines.size();
            lines.list().add(index, lines.list().get(index));
            return lines.join();
        }
    }

    record SwapLines(int first, int second) implements Mutation {
        @Override
        public byte[] apply(byte[] input) {
            Lines lines = Lines.of(input);
            int a = first % lines.size();
            int b = second % lines.size();
            String kept = lines.list().get(a);
            lines.list().set(a, lines.list().get(b));
            lines.list().set(b, kept);
            return lines.join();
        }
    }

    /** Puts {@code value} in place of the n-th JSON value, Zeek field or XML text of the input. */
    record ReplaceValue(int occurrence, String value) implements Mutation {
        @Override
        public byte[] apply(byte[] input) {
            return replaceValue(input, occurrence, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The input with its n-th JSON value, Zeek field or XML text (or, lacking all three, a position) replaced. */
    static byte[] replaceValue(byte[] input, int n, byte[] replacement) {
        List<int[]> spans = ValueSpans.json(input);
        if (spans.isEmpty()) {
            spans = ValueSpans.tsv(input);
        }
        if (spans.isEmpty()) {
            spans = ValueSpans.xmlText(input);
        }
        if (spans.isEmpty()) {
            int position = n % (input.length + 1);
            spans = List.of(new int[] {position, position});
        }
        int[] span = spans.get(n % spans.size());
        return concat(
                Arrays.copyOfRange(input, 0, span[0]), replacement, Arrays.copyOfRange(input, span[1], input.length));
    }

    /** Replaces a value with one nested {@code depth} levels deep. */
    record NestDeeply(int occurrence, int depth, Nesting nesting) implements Mutation {
        @Override
        public byte[] apply(byte[] input) {
            return replaceValue(input, occurrence, nesting.build(depth));
        }
    }

    /** Replaces a value with a 2 MB string, twice the size one alert may have. */
    record HugeString(int occurrence) implements Mutation {
        @Override
        public byte[] apply(byte[] input) {
            byte[] huge = new byte[TWO_MEGABYTES];
            Arrays.fill(huge, (byte) 'A');
            huge[0] = '"';
            huge[huge.length - 1] = '"';
            return replaceValue(input, occurrence, huge);
        }
    }

    enum Nesting {
        JSON_OBJECTS("{\"a\":", "}"),
        JSON_ARRAYS("[", "]"),
        JSON_MIXED("[{\"a\":", "}]"),
        XML_ELEMENTS("<a>", "</a>");

        private final String open;
        private final String close;

        Nesting(String open, String close) {
            this.open = open;
            this.close = close;
        }

        byte[] build(int depth) {
            return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The lines of an input as text, remembering whether it ended with a line break. */
    record Lines(List<String> list, boolean endsWithBreak) {
        static Lines of(byte[] input) {
            String text = new String(input, StandardCharsets.ISO_8859_1); // one char per byte, lossless
            boolean endsWithBreak = text.endsWith("\n");
            String body = endsWithBreak ? text.substring(0, text.length() - 1) : text;
            return new Lines(new ArrayList<>(Arrays.asList(body.split("\n", -1))), endsWithBreak);
        }

        int size() {
            return list.size();
        }

        byte[] join() {
            return (String.join("\n", list) + (endsWithBreak ? "\n" : "")).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Where values sit in an input, found by a forgiving scan that copes with already mutated bytes. */
    static final class ValueSpans {

        private ValueSpans() {}

        /** Spans of JSON values that follow a {@code :} outside a string. */
        static List<int[]> json(byte[] in) {
            List<int[]> spans = new ArrayList<>();
            boolean inString = false;
            for (int i = 0; i < in.length; i++) {
                byte b = in[i];
                if (inString) {
                    if (b == '\\') {
                        i++;
                    } else if (b == '"') {
                        inString = false;
                    }
                } else if (b == '"') {
                    inString = true;
                } else if (b == ':') {
                    int start = i + 1;
                    while (start < in.length && (in[start] == ' ' || in[start] == '\t')) {
                        start++;
                    }
                    spans.add(new int[] {start, endOfJsonValue(in, start)});
                }
            }
            return spans;
        }

        private static int endOfJsonValue(byte[] in, int start) {
            if (start >= in.length) {
                return in.length;
            }
            byte first = in[start];
            if (first == '"') {
                for (int i = start + 1; i < in.length; i++) {
                    if (in[i] == '\\') {
                        i++;
                    } else if (in[i] == '"') {
                        return i + 1;
                    }
                }
                return in.length;
            }
            if (first == '{' || first == '[') {
                int depth = 0;
                boolean inString = false;
                for (int i = start; i < in.length; i++) {
                    byte b = in[i];
                    if (inString) {
                        if (b == '\\') {
                            i++;
                        } else if (b == '"') {
                            inString = false;
                        }
                    } else if (b == '"') {
                        inString = true;
                    } else if (b == '{' || b == '[') {
                        depth++;
                    } else if ((b == '}' || b == ']') && --depth == 0) {
                        return i + 1;
                    }
                }
                return in.length;
            }
            int i = start;
            while (i < in.length && ",}]\n\r \t".indexOf(in[i]) < 0) {
                i++;
            }
            return i;
        }

        /** Spans of the tab-separated fields of lines that are not Zeek header lines. */
        static List<int[]> tsv(byte[] in) {
            List<int[]> spans = new ArrayList<>();
            int lineStart = 0;
            for (int i = 0; i <= in.length; i++) {
                if (i == in.length || in[i] == '\n') {
                    if (i > lineStart && in[lineStart] != '#' && hasTab(in, lineStart, i)) {
                        int fieldStart = lineStart;
                        for (int j = lineStart; j <= i; j++) {
                            if (j == i || in[j] == '\t') {
                                spans.add(new int[] {fieldStart, j});
                                fieldStart = j + 1;
                            }
                        }
                    }
                    lineStart = i + 1;
                }
            }
            return spans;
        }

        private static boolean hasTab(byte[] in, int from, int to) {
            for (int i = from; i < to; i++) {
                if (in[i] == '\t') {
                    return true;
                }
            }
            return false;
        }

        /** Spans of text between a {@code >} and the next {@code <}. */
        static List<int[]> xmlText(byte[] in) {
            List<int[]> spans = new ArrayList<>();
            for (int i = 0; i < in.length; i++) {
                if (in[i] == '>') {
                    int end = i + 1;
                    while (end < in.length && in[end] != '<') {
                        end++;
                    }
                    if (end < in.length) {
                        spans.add(new int[] {i + 1, end});
                    }
                }
            }
            return spans;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** One line of the seed, spoiled by the mutations, as a single line (its breaks become spaces). */
    private static byte[] spoil(byte[] seed, int lineIndex, List<Mutation> mutations) {
        Lines lines = Lines.of(seed);
        byte[] line = lines.list().get(lineIndex % lines.size()).getBytes(StandardCharsets.ISO_8859_1);
        for (Mutation mutation : mutations) {
            line = mutation.apply(line);
        }
        return line;
    }

    /** The input with one more line at its end; breaks inside the line become spaces so it stays one line. */
    private static byte[] appendLine(byte[] input, byte[] line) {
        byte[] single = line.clone();
        for (int i = 0; i < single.length; i++) {
            if (single[i] == '\n' || single[i] == '\r') {
                single[i] = ' ';
            }
        }
        boolean needsBreak = input.length > 0 && input[input.length - 1] != '\n';
        return concat(input, needsBreak ? new byte[] {'\n'} : new byte[0], single, new byte[] {'\n'});
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        return concat(Arrays.asList(parts));
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
