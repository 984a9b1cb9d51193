package dev.vigil.attack.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.SourceFormat;
import dev.vigil.attack.Detection;
import dev.vigil.attack.DetectionRules;
import dev.vigil.ingest.AlertParsing;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zeek records as the Zeek parser produces them (TSV with the header it keeps, Zeek JSON with {@code _path},
 * json-streaming-logs with {@code @stream} and {@code id_orig_h}) reach the rules of their log, with the
 * generic firewall and dns categories mapped onto Zeek's field names.
 */
class ZeekDetectionTest {

    private static final Path SAMPLES = Path.of("src/test/resources/samples/zeek");

    private DetectionRules rules;

    @BeforeEach
    void rules(@TempDir Path dir) throws Exception {
        rule(dir, "dns.yml", "Lookup Of Bad Example", "product: zeek, service: dns", "query|endswith: '.example.net'");
        rule(dir, "http.yml", "Binary Payload Fetched", "product: zeek, service: http", "uri|endswith: '.bin'");
        rule(
                dir,
                "weird.yml",
                "Bad HTTP Request",
                "product: zeek, service: weird",
                "name: bad_HTTP_request\n    id.orig_h|cidr: 192.168.0.0/16");
        rule(
                dir,
                "fw.yml",
                "TLS To Documentation Range",
                "category: firewall",
                "dst_ip|cidr: 203.0.113.0/24\n    dst_port: 443");
        rule(dir, "gdns.yml", "Generic DNS Query", "category: dns", "query: bad.example.net\n    record_type: A");
        rules = DetectionRules.load(false, List.of(dir));
        assertThat(rules.problems()).isEmpty();
    }

    private static void rule(Path dir, String file, String title, String logsource, String selection) throws Exception {
        Files.writeString(
                dir.resolve(file),
                "title: " + title + "\nlogsource: {" + logsource + "}\ndetection:\n  sel:\n    " + selection
                        + "\n  condition: sel\n");
    }

    @Test
    void tsvRecordsAreReadWithTheirHeader() throws Exception {
        Map<String, List<String>> found = detect(SAMPLES.resolve("conn.log"));

        assertThat(found).containsEntry("Cconn1", List.of("TLS To Documentation Range"));
    }

    @Test
    void jsonRecordsOfEveryShapeReachTheRulesOfTheirLog() throws Exception {
        Map<String, List<String>> found = detect(SAMPLES.resolve("mixed.json"));

        assertThat(found.get("CWeird1")).containsExactly("Bad HTTP Request");
        assertThat(found.get("CDns1")).containsExactlyInAnyOrder("Generic DNS Query", "Lookup Of Bad Example");
        assertThat(found.get("CHttp1")).containsExactly("Binary Payload Fetched");
    }

    private Map<String, List<String>> detect(Path file) throws Exception {
        List<Alert> records = new AlertParsing(IngestLimits.defaults())
                .parse(Files.readAllBytes(file), SourceFormat.ZEEK, ParseContext.now())
                .alerts();
        return records.stream()
                .filter(r -> !rules.detect(r).isEmpty())
                .collect(Collectors.toMap(
                        r -> ZeekUid.of(r.raw()),
                        r -> rules.detect(r).stream()
                                .map(Detection::rule)
                                .map(d -> d.title())
                                .toList()));
    }

    /** The Zeek uid of a raw record, TSV or JSON, to name records in assertions. */
    private static final class ZeekUid {
        static String of(String raw) {
            if (raw.startsWith("{")) {
                return JsonFlattener.flatten(raw).get("uid");
            }
            String[] lines = raw.split("\n");
            List<String> names = List.of(lines[0].split("\t"));
            return lines[1].split("\t")[names.indexOf("uid") - 1];
        }
    }
}
