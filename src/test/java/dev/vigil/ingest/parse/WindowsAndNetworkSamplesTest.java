package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.IngestLimits;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.ParseOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parses the public sample data in {@code ../shared/samples} (Suricata, Zeek, Mordor Windows events) with
 * format detection, checking each file yields exactly the records its MANIFEST.md counts. Skipped where
 * the shared folder is absent.
 */
class WindowsAndNetworkSamplesTest {

    private static final Parsers PARSERS = new Parsers(IngestLimits.defaults());

    static Stream<Arguments> samples() {
        return Stream.of(
                sample("suricata/suricata_eve_alerts_wrccdc-2018.json", SourceFormat.SURICATA, 207, 0),
                sample("suricata/suricata_eve_alerts_honeypot-2018.json", SourceFormat.SURICATA, 44, 0),
                sample("zeek/otrf_apt29_day1_SCRANTON_conn.log", SourceFormat.ZEEK, 0, 134),
                sample("zeek/otrf_apt29_day1_SCRANTON_dns.log", SourceFormat.ZEEK, 0, 32),
                sample("zeek/otrf_apt29_day1_SCRANTON_http.log", SourceFormat.ZEEK, 0, 62),
                sample("zeek/otrf_apt29_day1_SCRANTON_notice.log", SourceFormat.ZEEK, 1, 0),
                sample("zeek/otrf_apt29_day1_SCRANTON_weird.log", SourceFormat.ZEEK, 6, 0),
                sample("zeek/otrf_apt29_day1_NASHUA_conn.log", SourceFormat.ZEEK, 0, 479),
                sample("zeek/otrf_apt29_day1_NASHUA_dns.log", SourceFormat.ZEEK, 0, 21),
                sample("zeek/otrf_apt29_day1_NASHUA_notice.log", SourceFormat.ZEEK, 1, 0),
                sample("zeek/otrf_apt29_day1_NASHUA_weird.log", SourceFormat.ZEEK, 6, 0),
                sample("zeek/brimdata_wrccdc2018_notice_tsv_part1.log", SourceFormat.ZEEK, 103, 0),
                sample("zeek/brimdata_wrccdc2018_weird_tsv_part1.log", SourceFormat.ZEEK, 500, 0),
                sample("zeek/brimdata_wrccdc2018_dns_tsv_part1.log", SourceFormat.ZEEK, 0, 500),
                sample(
                        "zeek/zeek_btest_scripts.policy.protocols.ssh.detect-bruteforcing_notice.log",
                        SourceFormat.ZEEK,
                        1,
                        0),
                sample(
                        "zeek/zeek_btest_scripts.policy.protocols.http.sql-injection-plus-dvwa2_notice.log",
                        SourceFormat.ZEEK,
                        2,
                        0),
                sample(
                        "zeek/zeek_btest_scripts.policy.protocols.ssl.expiring-certs_notice.log",
                        SourceFormat.ZEEK,
                        2,
                        0),
                sample("zeek/otrf_LSASS_campaign_01_conn.log", SourceFormat.ZEEK, 0, 112),
                sample("zeek/otrf_LSASS_campaign_01_dns.log", SourceFormat.ZEEK, 0, 96),
                sample("zeek/otrf_LSASS_campaign_01_http.log", SourceFormat.ZEEK, 0, 3),
                sample("zeek/otrf_LSASS_campaign_01_weird.log", SourceFormat.ZEEK, 22, 0),
                mordor("SDWIN-201018195009_psh_lsass_memory_dump_comsvcs_2020-10-18T19500924.jsonl", 184),
                mordor("SDWIN-201023023651_cmd_bitsadmin_download_psh_script_2020-10-2302365189.jsonl", 424),
                mordor("SDWIN-201022025808_cmd_mshta_vbscript_execute_psh_2020-10-2202580804.jsonl", 1127),
                mordor("SDWIN-200806015757_covenant_copy_smb_CreateRequest_2020-09-22145302.jsonl", 506),
                mordor("SDWIN-201219070027_schtask_create_2020-12-1907003032.jsonl", 1041),
                mordor("SDWIN-201021001911_cmd_netsh_fw_mod_open_ports_2020-10-2100191105.jsonl", 2000),
                mordor("SDWIN-190319020147_empire_shell_net_localgroup_administrators_2020-09-21191843.jsonl", 884),
                mordor("SDWIN-201029202324_cmd_sharpview_pcre_net_2020-10-2920232423.jsonl", 267));
    }

    private static Arguments sample(String file, SourceFormat format, int alerts, int events) {
        return Arguments.of(file, format, alerts, events);
    }

    private static Arguments mordor(String file, int events) {
        return sample("windows_mordor/" + file, SourceFormat.SYSMON, 0, events);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void parsesEverySampleRecordWithoutRejections(String file, SourceFormat format, int alerts, int events)
            throws IOException {
        Path samples = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "samples");
        Path folder = samples.resolve(file).getParent();
        Assumptions.assumeTrue(Files.isDirectory(folder), () -> "shared samples missing: " + folder);

        byte[] input = Files.readAllBytes(samples.resolve(file));
        ParseOutcome outcome = PARSERS.parse(input, null, ParseContext.now());

        assertThat(outcome.format()).isEqualTo(format);
        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.alerts())
                .filteredOn(a -> a.kind() == AlertKind.ALERT)
                .hasSize(alerts);
        assertThat(outcome.alerts())
                .filteredOn(a -> a.kind() == AlertKind.EVENT)
                .hasSize(events);
        assertThat(outcome.alerts())
                .extracting(Alert::raw)
                .allSatisfy(raw -> assertThat(raw).isNotBlank());
    }
}
