package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSecretScanTest {

    private static final String SLACK_TOKEN = "xoxb-test-1234-abcdefgh";
    private static final String KEY = "vgl_" + "Q".repeat(20) + "-_" + "z".repeat(21);

    @TempDir
    Path dir;

    @Test
    void findsAPlantedSecretAndNamesFileAndLineButNotTheSecret() throws Exception {
        Path log = write("tests.log", "starting\nposting to slack with " + SLACK_TOKEN + " now\nstopped\n");
        List<String> findings = new LogSecretScan(List.of(SLACK_TOKEN)).scan(log);
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding).startsWith(log + ":2: configured secret 'xoxb…'");
            assertThat(finding).doesNotContain(SLACK_TOKEN);
        });
    }

    @Test
    void findsAFullApiKeyAnywhere() throws Exception {
        Path log = write("vigil.log", "Authorization: Bearer " + KEY + "\n");
        assertThat(new LogSecretScan(List.of()).scan(log))
                .singleElement()
                .asString()
                .contains(":1: API key 'vgl_…' (47 chars)")
                .doesNotContain(KEY);
    }

    @Test
    void allowsTheAdminKeyOnlyOnItsOwnConsoleLine() throws Exception {
        Path log = write("process.log", "Admin API key: " + KEY + "\nlater: key " + KEY + " used\n");
        assertThat(new LogSecretScan(List.of()).scan(log))
                .singleElement()
                .asString()
                .contains(":2: API key");
    }

    @Test
    void ignoresKeyPrefixesAndOtherText() throws Exception {
        Path log = write("ok.log", "key vgl_AbCdEfGh listed\nnothing here\nvgl_" + "a".repeat(44) + "\n");
        assertThat(new LogSecretScan(List.of(SLACK_TOKEN)).scan(log)).isEmpty();
    }

    @Test
    void findsNonAsciiSecrets() throws Exception {
        Path log = write("utf8.log", "password=pässwört-geheim-42\n");
        assertThat(new LogSecretScan(List.of("pässwört-geheim-42")).scan(log)).hasSize(1);
    }

    @Test
    void theBuildStepFailsOnAPlantedSecretAndPassesOnCleanLogs() throws Exception {
        Path secrets = write("secrets.txt", "# comment\n\n" + SLACK_TOKEN + "\n");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("clean.log"), "all quiet\n");
        LogSecretScan.main(new String[] {logs.toString(), secrets.toString()});

        Files.writeString(logs.resolve("leaky.log"), "token=" + SLACK_TOKEN + "\n");
        assertThatThrownBy(() -> LogSecretScan.main(new String[] {logs.toString(), secrets.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leaky.log:1")
                .hasMessageNotContaining(SLACK_TOKEN);
    }

    @Test
    void refusesSecretsTooShortToScanFor() {
        assertThatThrownBy(() -> new LogSecretScan(List.of("abc"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShippedSecretsListIsReadable() throws Exception {
        List<String> secrets = LogSecretScan.readSecrets(Path.of("src/test/resources/test-secrets.txt"));
        assertThat(secrets).isNotEmpty().allSatisfy(secret -> assertThat(secret).hasSizeGreaterThanOrEqualTo(8));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
