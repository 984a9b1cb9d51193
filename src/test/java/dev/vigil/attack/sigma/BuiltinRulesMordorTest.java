package dev.vigil.attack.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.attack.Detection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The built-in rules on the labelled OTRF (Mordor) datasets in {@code ../shared/samples/windows_mordor}:
 * which datasets they detect with the labelled technique, which rules fire at all (so a new false positive
 * on the benign background fails), and at most how many alerts per 1,000 events. Skipped, saying so, where
 * the samples are absent; they are never copied into the project.
 *
 * <p>Besides the attack itself, several datasets hold the lab's own clearing of the Security and System logs
 * before the recording (Security 1102, System 104); the log-clearing rules flag those, rightly.
 */
class BuiltinRulesMordorTest {

    static final String LOG_CLEARED = "win_security_audit_log_cleared.yml";
    static final String LOGS_CLEARED_SYSTEM = "win_system_event_log_cleared.yml";

    /**
     * @param label the dataset's ATT&amp;CK label, as its metadata gives it
     * @param detected whether a built-in fires with that technique or one of its sub-techniques
     * @param maxPerThousand the most alerts per 1,000 events accepted
     * @param firing every built-in rule that fires on the dataset, attack and background together
     */
    record Dataset(String id, String label, boolean detected, double maxPerThousand, Set<String> firing) {
        @Override
        public String toString() {
            return id + " " + label;
        }
    }

    static List<Dataset> datasets() {
        return List.of(
                new Dataset(
                        "SDWIN-190319020147",
                        "T1069.001",
                        true,
                        2.5,
                        Set.of("win_proc_net_local_admins_discovery.yml")),
                new Dataset(
                        "SDWIN-200806015757",
                        "T1021.002",
                        true,
                        6.5,
                        Set.of(
                                "win_security_admin_share_executable_write.yml",
                                "win_file_executable_written_by_smb_server.yml")),
                new Dataset(
                        "SDWIN-201018195009",
                        "T1003.001",
                        true,
                        35,
                        Set.of(
                                "win_proc_lsass_dump_comsvcs.yml",
                                "win_proc_access_lsass_memory_read.yml",
                                "win_file_lsass_dump_written.yml",
                                LOG_CLEARED)),
                new Dataset(
                        "SDWIN-201021001911",
                        "T1562.004",
                        true,
                        1.75,
                        Set.of("win_proc_netsh_firewall_opened.yml", LOG_CLEARED)),
                new Dataset(
                        "SDWIN-201022025808",
                        "T1218.005",
                        true,
                        6.5,
                        Set.of(
                                "win_proc_mshta_inline_script_or_url.yml",
                                "win_proc_mshta_spawns_shell.yml",
                                LOG_CLEARED,
                                LOGS_CLEARED_SYSTEM)),
                new Dataset(
                        "SDWIN-201023023651",
                        "T1197",
                        true,
                        12.5,
                        Set.of("win_proc_bitsadmin_transfer.yml", LOG_CLEARED, LOGS_CLEARED_SYSTEM)),
                // SharpView is a compiled .NET port of PowerView: what it does is AD discovery (caught as
                // T1087.002/T1069.002), not a command interpreter, so no rule tags it T1059
                new Dataset(
                        "SDWIN-201029202324",
                        "T1059",
                        false,
                        12,
                        Set.of("win_proc_powerview_recon_cmdlet.yml", LOG_CLEARED)),
                new Dataset(
                        "SDWIN-201219070027",
                        "T1053.005",
                        true,
                        5.5,
                        Set.of(
                                "win_proc_schtasks_create_remote.yml",
                                "win_proc_schtasks_create_shell_action.yml",
                                "win_security_scheduled_task_registered_remotely.yml")));
    }

    static SigmaRules rules;

    @BeforeAll
    static void load() {
        rules = SigmaRules.load(true, List.of());
        assertThat(rules.problems()).isEmpty();
    }

    static Path samples() {
        Path dir = Path.of(System.getProperty("vigil.shared.dir", "../shared"), "samples", "windows_mordor");
        assumeTrue(Files.isDirectory(dir), "Mordor datasets missing: " + dir.toAbsolutePath() + " (skipping)");
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void detectsTheLabelledTechniqueAndStaysQuietOnTheBackground(Dataset expected) throws IOException {
        Path dir = samples();
        Path events = only(dir, expected.id() + "_", ".jsonl");
        Path metadata = dir.resolve(expected.id() + ".metadata.yaml");
        assumeTrue(Files.isRegularFile(metadata), "metadata missing: " + metadata + " (skipping)");
        assertThat(label(metadata)).as("label of %s", expected.id()).isEqualTo(expected.label());

        int count = 0;
        int alerts = 0;
        Map<String, Integer> byRule = new TreeMap<>();
        Set<String> techniques = new TreeSet<>();
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            count++;
            SigmaEvent event = SigmaEvents.windows(line);
            if (event == null) {
                continue;
            }
            for (Detection d : rules.detect(event)) {
                alerts++;
                byRule.merge(d.rule().source().substring("builtin:".length()), 1, Integer::sum);
                techniques.addAll(d.rule().techniques());
            }
        }
        double perThousand = alerts * 1000.0 / count;
        System.out.printf(
                Locale.ROOT,
                "%s %-9s events %4d, alerts %d (%.2f per 1,000), %s%n",
                expected.id(),
                expected.label(),
                count,
                alerts,
                perThousand,
                byRule);

        boolean detected =
                techniques.stream().anyMatch(t -> t.equals(expected.label()) || t.startsWith(expected.label() + "."));
        assertThat(detected)
                .as("%s detected as %s (techniques seen: %s)", expected.id(), expected.label(), techniques)
                .isEqualTo(expected.detected());
        assertThat(byRule.keySet()).as("rules firing on %s", expected.id()).isEqualTo(expected.firing());
        assertThat(perThousand)
                .as("alerts per 1,000 events on %s", expected.id())
                .isLessThanOrEqualTo(expected.maxPerThousand());
    }

    private static Path only(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(prefix) && n.endsWith(suffix);
                    })
                    .toList();
            assumeTrue(!found.isEmpty(), "dataset missing: " + prefix + "*" + suffix + " in " + dir + " (skipping)");
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    /** T1069.001 from {@code attack_mappings: [{technique: T1069, sub-technique: "001"}]}. */
    private static String label(Path metadata) throws IOException {
        Map<?, ?> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(metadata));
        Map<?, ?> mapping = (Map<?, ?>) ((List<?>) doc.get("attack_mappings")).get(0);
        Object sub = mapping.get("sub-technique");
        return mapping.get("technique") + (sub == null ? "" : "." + sub);
    }
}
