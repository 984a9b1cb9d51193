package dev.vigil.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertStatus;
import dev.vigil.alert.AlertTechnique;
import dev.vigil.alert.Direction;
import dev.vigil.alert.Entities;
import dev.vigil.alert.FileHashes;
import dev.vigil.alert.Queue;
import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.TriageResult;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AlertMessageTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AlertMessage MESSAGES = new AlertMessage(new PublicUrl(URI.create("https://vigil.example/")));
    static final String HOSTILE = "<!channel> <!here> <@U1> <#C1> <https://evil.example|click> & &amp;";
    static final Pattern LINK_OR_MENTION = Pattern.compile("<([^>]*)>");

    @Test
    void showsSeverityTitleRiskFactorsTechniquesEntitiesAndSource() {
        JsonNode message = render(stored(
                "Ransomware behaviour on ws-042",
                Entities.builder()
                        .host("ws-042", "10.0.0.42", "1e5bc9d7e413ddd7902c2932e418702b84d0cc07")
                        .user("kai", "CONTOSO", null, true)
                        .connection("10.0.0.42", 50000, "203.0.113.9", 443, "tcp", Direction.OUTBOUND)
                        .process("C:\\Windows\\powershell.exe", "powershell -enc AAAA", null, 42L, FileHashes.NONE)
                        .file("C:\\Users\\kai\\evil.exe", FileHashes.NONE)
                        .build(),
                List.of(technique("T1059.001", "PowerShell"), technique("T1486", "Data Encrypted for Impact")),
                List.of("severity HIGH 70", "privileged user kai ×1.3")));

        JsonNode blocks = message.path("blocks");
        assertThat(blocks.get(0).path("type").asString()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asString())
                .isEqualTo("HIGH · Ransomware behaviour on ws-042");
        String all = allText(message);
        assertThat(all)
                .contains("*Risk 150/200* (CRITICAL)")
                .contains("privileged user kai ×1.3")
                .contains("<https://attack.mitre.org/techniques/T1059/001/|T1059.001 PowerShell>")
                .contains("<https://attack.mitre.org/techniques/T1486/|T1486 Data Encrypted for Impact>")
                .contains("*Hosts:*\nws-042")
                .contains("CONTOSO\\kai (privileged)")
                .contains("10.0.0.42\n203.0.113.9")
                .contains("powershell -enc AAAA")
                .contains("C:\\Users\\kai\\evil.exe")
                .contains("Source: defender")
                .contains("2024-05-02 14:39:00 UTC");
        assertThat(message.path("text").asString())
                .isEqualTo("[HIGH] Ransomware behaviour on ws-042 (risk 150, CRITICAL)");
        assertThat(BlockKitRules.violations(blocks)).isEmpty();
    }

    @Test
    void linksToTheAlertInVigil() {
        StoredAlert stored = stored("t", Entities.NONE, List.of(), List.of());

        assertThat(allText(render(stored)))
                .contains(
                        "<https://vigil.example/api/v1/alerts/" + stored.alert().id() + "|Open in Vigil>");
    }

    @Test
    void offersAcknowledgeAssignAndFalsePositiveForThisAlertAndNoResponseButtons() {
        StoredAlert stored = stored(
                "t",
                Entities.builder()
                        .host("ws-1", null, "1e5bc9d7e413ddd7902c2932e418702b84d0cc07")
                        .build(),
                List.of(),
                List.of());
        JsonNode blocks = render(stored).path("blocks");
        JsonNode actions = blocks.get(blocks.size() - 1);

        assertThat(actions.path("type").asString()).isEqualTo("actions");
        assertThat(actions.path("elements")
                        .valueStream()
                        .map(b -> b.path("action_id").asString()))
                .containsExactly("vigil.ack", "vigil.assign", "vigil.false_positive");
        assertThat(actions.path("elements")
                        .valueStream()
                        .map(b -> b.path("text").path("text").asString()))
                .containsExactly("Acknowledge", "Assign to me", "False positive");
        assertThat(actions.path("elements")
                        .valueStream()
                        .map(b -> b.path("value").asString()))
                .containsOnly(stored.alert().id().toString());
        assertThat(allText(render(stored)))
                .doesNotContainIgnoringCase("isolate")
                .doesNotContainIgnoringCase("scan");
    }

    @Test
    void hostileAlertTextCannotMentionPingOrForgeLinks() {
        StoredAlert stored = stored(
                HOSTILE,
                Entities.builder()
                        .host(HOSTILE, null, null)
                        .user(HOSTILE, HOSTILE, null, false)
                        .process(null, HOSTILE, null, null, FileHashes.NONE)
                        .file(HOSTILE, FileHashes.NONE)
                        .build(),
                List.of(new AlertTechnique(HOSTILE, HOSTILE, HOSTILE, List.of(), "native", 1, HOSTILE)),
                List.of(HOSTILE));
        JsonNode message = render(stored);

        for (String text : texts(message)) {
            Matcher m = LINK_OR_MENTION.matcher(text);
            while (m.find()) {
                assertThat(m.group(1))
                        .as("only Vigil's own links may be Slack markup: %s", text)
                        .startsWith("https://vigil.example/api/v1/alerts/");
            }
        }
        assertThat(allText(message))
                .contains("&lt;!channel&gt;")
                .contains("&lt;@U1&gt;")
                .contains("&lt;https://evil.example|click&gt;")
                .contains("&amp;amp;");
        assertThat(message.path("text").asString()).doesNotContain("<");
    }

    @Test
    void mrkdwnIsVerbatimSoSlackParsesNoMentionsOfItsOwn() {
        JsonNode message = render(stored("@channel @here", Entities.NONE, List.of(), List.of("x")));

        message.path("blocks")
                .valueStream()
                .flatMap(b -> b.findValues("verbatim").stream())
                .forEach(v -> assertThat(v.asBoolean()).isTrue());
        assertThat(message.path("blocks").findValues("verbatim")).isNotEmpty();
    }

    @Test
    void aHugeAlertStillGivesAMessageSlackAccepts() {
        String longText = "x".repeat(10_000) + "😀<&>";
        Entities.Builder entities = Entities.builder();
        IntStream.range(0, 500)
                .forEach(i -> entities.host(
                                "host-" + i + "-" + longText.substring(0, 100), "10.0." + i / 256 + "." + i % 256, null)
                        .user("user" + i, null, null, false)
                        .process(null, longText + i, null, null, FileHashes.NONE)
                        .file("C:\\" + i + longText, FileHashes.NONE));
        List<AlertTechnique> techniques = IntStream.range(0, 200)
                .mapToObj(i -> technique("T%04d.%03d".formatted(1000 + i, i), "Technique " + longText))
                .toList();
        List<String> factors =
                IntStream.range(0, 500).mapToObj(i -> "factor " + i + longText).toList();

        JsonNode message = render(stored(longText, entities.build(), techniques, factors));

        JsonNode blocks = message.path("blocks");
        assertThat(BlockKitRules.violations(blocks)).isEmpty();
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(message.path("text").asString().length()).isLessThanOrEqualTo(3000);
        assertThat(allText(message)).contains("more").contains("https://attack.mitre.org/techniques/T1000/000/");
        for (String text : texts(message)) {
            assertThat(LINK_OR_MENTION.matcher(text).results().count())
                    .as("every link is whole")
                    .isEqualTo(text.chars().filter(c -> c == '<').count());
        }
    }

    @Test
    void anUntriagedAlertSaysSoAndHasNoTechniques() {
        Alert alert = alert("t", Entities.NONE);
        JsonNode message = render(new StoredAlert(alert, AlertStatus.NEW, Queue.STANDARD, null, null, 0));

        assertThat(allText(message)).contains("Not triaged yet").doesNotContain("ATT&amp;CK");
        assertThat(BlockKitRules.violations(message.path("blocks"))).isEmpty();
    }

    @Test
    void anUpdatedMessageSaysWhatHappenedAboveTheButtonsWhichStay() {
        StoredAlert stored = stored("t", Entities.NONE, List.of(), List.of("f"));
        JsonNode message =
                JSON.readTree(JSON.writeValueAsString(MESSAGES.of(stored, "Acknowledged by <!channel> & alice")));
        JsonNode blocks = message.path("blocks");

        JsonNode note = blocks.get(blocks.size() - 3);
        assertThat(note.path("type").asString()).isEqualTo("context");
        assertThat(note.path("elements").get(0).path("text").asString())
                .isEqualTo("Acknowledged by &lt;!channel&gt; &amp; alice");
        assertThat(blocks.get(blocks.size() - 1).path("type").asString()).isEqualTo("actions");
        assertThat(blocks.size()).isEqualTo(render(stored).path("blocks").size() + 1);
        assertThat(BlockKitRules.violations(blocks)).isEmpty();
    }

    @Test
    void attackUrlsUseSubTechniquesAsPathSegments() {
        assertThat(AlertMessage.attackUrl("T1059.001")).isEqualTo("https://attack.mitre.org/techniques/T1059/001/");
        assertThat(AlertMessage.attackUrl("T1486")).isEqualTo("https://attack.mitre.org/techniques/T1486/");
    }

    static JsonNode render(StoredAlert stored) {
        SlackMessage message = MESSAGES.of(stored);
        return JSON.readTree(JSON.writeValueAsString(message));
    }

    static List<String> texts(JsonNode message) {
        List<String> texts = new ArrayList<>();
        texts.add(message.path("text").asString());
        message.path("blocks").findValues("text").forEach(t -> {
            if (t.isString()) {
                texts.add(t.asString());
            } else if (t.path("text").isString()) {
                texts.add(t.path("text").asString());
            }
        });
        return texts;
    }

    static String allText(JsonNode message) {
        return String.join("\n", texts(message));
    }

    static StoredAlert stored(String title, Entities entities, List<AlertTechnique> techniques, List<String> factors) {
        TriageResult triage = new TriageResult(150, RiskClass.CRITICAL, Queue.PRIORITY, factors, 80, techniques);
        return new StoredAlert(alert(title, entities), AlertStatus.TRIAGED, Queue.PRIORITY, triage, Instant.now(), 1);
    }

    static Alert alert(String title, Entities entities) {
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                "da-1",
                Instant.parse("2024-05-02T14:40:00Z"),
                Instant.parse("2024-05-02T14:39:00Z"),
                title,
                null,
                "High",
                Severity.HIGH,
                null,
                entities,
                null,
                "{}");
    }

    static AlertTechnique technique(String id, String name) {
        return new AlertTechnique(id, id.split("\\.")[0], name, List.of("execution"), "native", 1.0, "tag");
    }
}
