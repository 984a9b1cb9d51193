package dev.vigil.respond.defender.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertStatus;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Queue;
import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.TriageResult;
import dev.vigil.notify.AlertButton;
import dev.vigil.notify.slack.AlertMessage;
import dev.vigil.notify.slack.BlockKitRules;
import dev.vigil.notify.slack.PublicUrl;
import dev.vigil.notify.slack.SlackMessage;
import dev.vigil.respond.defender.DefenderProperties;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DeviceButtonsTest {

    static final String TENANT_ID = "6f1c3a52-8d4e-4b7a-9c2d-0e5f7a8b9c10";
    static final String DEVICE = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";

    private final DeviceButtons buttons = new DeviceButtons(new DefenderTargets(properties()));
    private final AlertMessage messages =
            new AlertMessage(new PublicUrl(URI.create("https://vigil.example/")), List.of(buttons));
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aDeviceInAConfiguredTenantGetsIsolateWithAConfirmationAndScan() {
        Alert alert = alert(
                TENANT_ID,
                Entities.builder().host("ws-042.contoso.com", null, DEVICE).build());

        List<AlertButton> offered = buttons.forAlert(alert);

        assertThat(offered)
                .extracting(AlertButton::actionId)
                .containsExactly("vigil.defender.isolate", "vigil.defender.scan");
        assertThat(offered)
                .extracting(AlertButton::value)
                .containsOnly(alert.id().toString());
        AlertButton isolate = offered.get(0);
        assertThat(isolate.danger()).isTrue();
        assertThat(isolate.confirm()).isNotNull();
        assertThat(isolate.confirm().title()).contains("ws-042.contoso.com");
        assertThat(offered.get(1).confirm()).isNull();
    }

    @Test
    void theTenantMatchesByConfiguredNameOrEntraTenantIdInAnyCase() {
        Entities device = Entities.builder().host(null, "10.1.0.5", DEVICE).build();

        assertThat(buttons.forAlert(alert("contoso", device))).hasSize(2);
        assertThat(buttons.forAlert(alert(TENANT_ID.toUpperCase(), device))).hasSize(2);
    }

    @Test
    void noButtonsWithoutADeviceIdOrAConfiguredTenant() {
        assertThat(buttons.forAlert(alert(
                        TENANT_ID,
                        Entities.builder().host("ws-042", "10.1.0.5", null).build())))
                .isEmpty();
        assertThat(buttons.forAlert(alert(TENANT_ID, Entities.NONE))).isEmpty();
        Entities device = Entities.builder().host("ws-042", null, DEVICE).build();
        assertThat(buttons.forAlert(alert("fabrikam", device))).isEmpty();
        assertThat(buttons.forAlert(alert(null, device))).isEmpty();
        // Not a Defender device id: never put in a button, never sent to Defender.
        assertThat(buttons.forAlert(alert(
                        TENANT_ID,
                        Entities.builder().host("ws", null, "../../x").build())))
                .isEmpty();
    }

    @Test
    void theMessageRendersTheButtonsAfterTheAnalystsOnesAndSlackWouldAcceptIt() {
        Alert alert = alert(
                TENANT_ID,
                Entities.builder().host("ws-<042>&.contoso.com", null, DEVICE).build());

        SlackMessage message = messages.of(stored(alert));

        JsonNode blocks = json.valueToTree(message.blocks());
        assertThat(BlockKitRules.violations(blocks)).isEmpty();
        List<JsonNode> elements = new ArrayList<>();
        blocks.get(blocks.size() - 1).path("elements").forEach(elements::add);
        assertThat(elements)
                .extracting(e -> e.path("action_id").asString())
                .containsExactly(
                        AlertMessage.ACKNOWLEDGE,
                        AlertMessage.ASSIGN_TO_ME,
                        AlertMessage.FALSE_POSITIVE,
                        "vigil.defender.isolate",
                        "vigil.defender.scan");
        JsonNode isolate = elements.get(3);
        assertThat(isolate.path("text").path("text").asString()).isEqualTo("Isolate device");
        assertThat(isolate.path("style").asString()).isEqualTo("danger");
        JsonNode confirm = isolate.path("confirm");
        assertThat(confirm.path("title").path("type").asString()).isEqualTo("plain_text");
        assertThat(confirm.path("title").path("text").asString())
                .isEqualTo("Isolate ws-&lt;042&gt;&amp;.contoso.com?")
                .hasSizeLessThanOrEqualTo(100);
        assertThat(confirm.path("text").path("text").asString()).contains("full isolation");
        assertThat(confirm.path("confirm").path("text").asString()).isEqualTo("Isolate");
        assertThat(confirm.path("deny").path("text").asString()).isEqualTo("Cancel");
        assertThat(elements.get(4).has("style")).isFalse();
        assertThat(elements.get(4).has("confirm")).isFalse();
    }

    @Test
    void aLongDeviceNameIsCutToSlacksConfirmLimits() {
        Alert alert = alert(
                TENANT_ID,
                Entities.builder().host("h".repeat(400), null, DEVICE).build());

        JsonNode blocks = json.valueToTree(messages.of(stored(alert)).blocks());

        JsonNode confirm = blocks.get(blocks.size() - 1).path("elements").get(3).path("confirm");
        assertThat(confirm.path("title").path("text").asString().length()).isLessThanOrEqualTo(100);
        assertThat(confirm.path("text").path("text").asString().length()).isLessThanOrEqualTo(300);
    }

    @Test
    void aFailingContributorCostsOnlyItsButtons() {
        AlertMessage withBrokenContributor =
                new AlertMessage(new PublicUrl(URI.create("https://vigil.example/")), List.of(a -> {
                    throw new IllegalStateException("broken");
                }));
        Alert alert =
                alert(TENANT_ID, Entities.builder().host("ws", null, DEVICE).build());

        JsonNode blocks =
                json.valueToTree(withBrokenContributor.of(stored(alert)).blocks());

        assertThat(blocks.get(blocks.size() - 1).path("elements")).hasSize(3);
    }

    private static StoredAlert stored(Alert alert) {
        TriageResult triage = new TriageResult(150, RiskClass.CRITICAL, Queue.PRIORITY, List.of(), 80, List.of());
        return new StoredAlert(alert, AlertStatus.TRIAGED, Queue.PRIORITY, triage, Instant.now(), 1);
    }

    private static Alert alert(@Nullable String tenant, Entities entities) {
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                SourceFormat.DEFENDER,
                "da-1",
                Instant.parse("2024-05-02T14:40:00Z"),
                Instant.parse("2024-05-02T14:39:00Z"),
                "Ransomware behaviour",
                null,
                "High",
                Severity.HIGH,
                null,
                entities,
                tenant,
                "{}");
    }

    private static DefenderProperties properties() {
        return new DefenderProperties(
                URI.create("https://api.securitycenter.microsoft.com/"),
                URI.create("https://graph.microsoft.com/"),
                URI.create("https://login.microsoftonline.com/"),
                Duration.ofSeconds(30),
                4,
                Duration.ofMillis(500),
                Duration.ofSeconds(60),
                "",
                "",
                Map.of(
                        "contoso",
                        new DefenderProperties.Tenant(
                                TENANT_ID, "0b2d4f6a-1c3e-4a5b-8d7f-9e0a1b2c3d4e", "unit-test-secret-9a7c", "", "")));
    }
}
