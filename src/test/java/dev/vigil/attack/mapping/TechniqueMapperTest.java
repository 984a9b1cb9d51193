package dev.vigil.attack.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.alert.Alert;
import dev.vigil.alert.SourceFormat;
import dev.vigil.attack.InstalledCatalogue;
import dev.vigil.attack.MappedTechnique;
import dev.vigil.attack.MappedTechnique.Source;
import dev.vigil.ingest.AlertParsing;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TechniqueMapperTest {

    private static TechniqueMapper mapper;
    private final AlertParsing parsing = new AlertParsing(IngestLimits.defaults());

    @BeforeAll
    static void catalogue() throws Exception {
        mapper = new TechniqueMapper(InstalledCatalogue.shipped());
    }

    private Alert parse(String input, SourceFormat format) {
        List<Alert> alerts = parsing.parse(input.getBytes(StandardCharsets.UTF_8), format, ParseContext.now())
                .alerts();
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    @Test
    void takesDefenderTagsAndLeadsRetiredOnesToTheirReplacements() {
        Alert alert = parse("""
                {"id":"da1","title":"Low-reputation arbitrary code executed","severity":"Medium",\
                "alertCreationTime":"2026-11-21T08:00:00Z","machineId":"m1","computerDnsName":"ws1",\
                "mitreTechniques":["T1064","T1085","T1220"]}""", SourceFormat.DEFENDER);
        assertThat(mapper.map(alert))
                .extracting(m -> m.technique().id().value(), MappedTechnique::source, MappedTechnique::confidence)
                .containsExactly(
                        tuple("T1059", Source.NATIVE, 0.8),
                        tuple("T1218.011", Source.NATIVE, 0.8),
                        tuple("T1220", Source.NATIVE, 0.9));
        assertThat(mapper.map(alert).get(0).evidence()).contains("T1064").contains("replaced");
    }

    @Test
    void takesGraphSuricataAndSplunkTags() {
        Alert graph = parse("""
                {"id":"g1","providerAlertId":"p1","serviceSource":"microsoftDefenderForEndpoint","title":"Hidden file",\
                "severity":"medium","mitreTechniques":["T1564.001"]}""", SourceFormat.GRAPH);
        Alert suricata = parse("""
                {"timestamp":"2026-11-21T08:00:00.000000+0000","flow_id":7,"event_type":"alert","src_ip":"10.0.0.5",\
                "dest_ip":"203.0.113.9","proto":"TCP","alert":{"signature":"ET EXPLOIT something","category":"x",\
                "severity":1,"metadata":{"mitre_technique_id":["T1190"],"mitre_tactic_id":["TA0001"]}}}""", SourceFormat.SURICATA);
        Alert splunk = parse("""
                {"sid":"s1","search_name":"Credential dumping","results_link":"http://splunk/x",\
                "result":{"host":"ws1","annotations.mitre_attack":"T1003.001\\nT1059"}}""", SourceFormat.SPLUNK);
        assertThat(ids(graph)).containsExactly("T1564.001");
        assertThat(ids(suricata)).containsExactly("T1190");
        assertThat(ids(splunk)).containsExactly("T1003.001", "T1059");
    }

    @Test
    void findsTechniquesInCommandLinesWithLowerConfidenceAndSaysWhatMatched() {
        Alert sysmon = parse("""
                {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"ws1",\
                "Image":"C:\\\\Windows\\\\System32\\\\vssadmin.exe","CommandLine":"vssadmin.exe delete shadows /all /quiet"}""", SourceFormat.SYSMON);
        List<MappedTechnique> mapped = mapper.map(sysmon);
        assertThat(mapped).extracting(m -> m.technique().id().value()).containsExactly("T1490");
        assertThat(mapped.get(0).source()).isEqualTo(Source.HEURISTIC);
        assertThat(mapped.get(0).confidence()).isLessThan(TechniqueMapper.NATIVE_CONFIDENCE);
        assertThat(mapped.get(0).evidence()).contains("shadow copy").contains("vssadmin.exe delete shadows");
    }

    @Test
    void keepsTheSensorsTagWhenAHeuristicFindsTheSameTechnique() {
        Alert alert = parse("""
                {"id":"da2","title":"Mimikatz credential theft tool","severity":"High","machineId":"m1",\
                "mitreTechniques":["T1003"]}""", SourceFormat.DEFENDER);
        assertThat(mapper.map(alert))
                .extracting(m -> m.technique().id().value(), MappedTechnique::source)
                .containsExactly(tuple("T1003", Source.NATIVE));
    }

    @Test
    void ignoresTagsThatAreNotTechniquesAndAlertsWithNothingToSay() {
        Alert alert = parse("""
                {"id":"da3","title":"Unusual sign-in","severity":"Low","machineId":"m1",\
                "mitreTechniques":["TA0001","bogus",7,"T9999"]}""", SourceFormat.DEFENDER);
        assertThat(mapper.map(alert)).isEmpty();
    }

    private static List<String> ids(Alert alert) {
        return mapper.map(alert).stream().map(m -> m.technique().id().value()).toList();
    }
}
