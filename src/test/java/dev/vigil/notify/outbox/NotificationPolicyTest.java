package dev.vigil.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertKind;
import dev.vigil.alert.Entities;
import dev.vigil.alert.Queue;
import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import dev.vigil.alert.SourceFormat;
import dev.vigil.alert.TriageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {

    @Test
    void sendsHighAndAboveByDefaultAndNothingElse() {
        NotificationPolicy policy =
                new NotificationPolicy(properties(null, List.of(), Set.of()), DeliveryMode.BOT, "C0SOC");
        assertThat(policy.channelFor(alert(SourceFormat.DEFENDER, Severity.HIGH, null), triage(RiskClass.HIGH)))
                .contains("C0SOC");
        assertThat(policy.channelFor(alert(SourceFormat.DEFENDER, Severity.HIGH, null), triage(RiskClass.CRITICAL)))
                .contains("C0SOC");
        assertThat(policy.channelFor(alert(SourceFormat.DEFENDER, Severity.CRITICAL, null), triage(RiskClass.MEDIUM)))
                .as("the class decides unless a minimum severity is set")
                .isEmpty();
    }

    @Test
    void aMinimumSeverityLetsSevereAlertsOfLowerClassThrough() {
        NotificationPolicy policy =
                new NotificationPolicy(properties(Severity.CRITICAL, List.of(), Set.of()), DeliveryMode.BOT, "C0SOC");
        assertThat(policy.channelFor(alert(SourceFormat.DEFENDER, Severity.CRITICAL, null), triage(RiskClass.LOW)))
                .contains("C0SOC");
        assertThat(policy.channelFor(alert(SourceFormat.DEFENDER, Severity.HIGH, null), triage(RiskClass.MEDIUM)))
                .isEmpty();
    }

    @Test
    void theFirstMatchingRouteNamesTheChannel() {
        List<NotifyProperties.Route> routes = List.of(
                new NotifyProperties.Route(RiskClass.CRITICAL, null, null, "C0CRIT"),
                new NotifyProperties.Route(null, "suricata", null, "C0NET"),
                new NotifyProperties.Route(null, null, "contoso-emea", "C0EMEA"));
        NotificationPolicy policy =
                new NotificationPolicy(properties(null, routes, Set.of()), DeliveryMode.BOT, "C0SOC");
        assertThat(policy.channelFor(
                        alert(SourceFormat.SURICATA, Severity.HIGH, "contoso-emea"), triage(RiskClass.CRITICAL)))
                .contains("C0CRIT");
        assertThat(policy.channelFor(
                        alert(SourceFormat.SURICATA, Severity.HIGH, "contoso-emea"), triage(RiskClass.HIGH)))
                .contains("C0NET");
        assertThat(policy.channelFor(
                        alert(SourceFormat.DEFENDER, Severity.HIGH, "contoso-emea"), triage(RiskClass.HIGH)))
                .contains("C0EMEA");
        assertThat(policy.channelFor(alert(SourceFormat.DEFENDER, Severity.HIGH, "fabrikam"), triage(RiskClass.HIGH)))
                .contains("C0SOC");
    }

    @Test
    void quietSourcesAndContextEventsAreNeverSent() {
        NotificationPolicy policy =
                new NotificationPolicy(properties(null, List.of(), Set.of("zeek")), DeliveryMode.BOT, "C0SOC");
        assertThat(policy.channelFor(alert(SourceFormat.ZEEK, Severity.CRITICAL, null), triage(RiskClass.CRITICAL)))
                .isEmpty();
        Alert event = new Alert(
                AlertId.newId(),
                AlertKind.EVENT,
                SourceFormat.SYSMON,
                null,
                Instant.now(),
                null,
                "process created",
                null,
                null,
                Severity.HIGH,
                null,
                Entities.NONE,
                null,
                "{}");
        assertThat(policy.channelFor(event, triage(RiskClass.CRITICAL))).isEmpty();
    }

    @Test
    void aWebhookHasOneChannelAndNoneSendsNothing() {
        List<NotifyProperties.Route> routes = List.of(new NotifyProperties.Route(null, "defender", null, "C0X"));
        Alert alert = alert(SourceFormat.DEFENDER, Severity.HIGH, null);
        assertThat(new NotificationPolicy(properties(null, routes, Set.of()), DeliveryMode.WEBHOOK, "")
                        .channelFor(alert, triage(RiskClass.HIGH)))
                .contains(NotificationPolicy.WEBHOOK_CHANNEL);
        assertThat(new NotificationPolicy(properties(null, routes, Set.of()), DeliveryMode.NONE, "C0SOC")
                        .channelFor(alert, triage(RiskClass.CRITICAL)))
                .isEmpty();
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> new NotifyProperties.Route(null, null, null, " "))
                .hasMessageContaining("needs a channel");
        assertThatThrownBy(() -> new NotifyProperties(
                        RiskClass.HIGH,
                        null,
                        List.of(),
                        Set.of(),
                        Duration.ZERO,
                        3,
                        1.0,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(5),
                        100,
                        Duration.ofMinutes(2),
                        Duration.ofSeconds(1),
                        4))
                .hasMessageContaining("suppression-window");
    }

    static NotifyProperties properties(Severity minSeverity, List<NotifyProperties.Route> routes, Set<String> quiet) {
        return new NotifyProperties(
                RiskClass.HIGH,
                minSeverity,
                routes,
                quiet,
                Duration.ofMinutes(10),
                3,
                1.0,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                100,
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                4);
    }

    static Alert alert(SourceFormat source, Severity severity, String tenant) {
        return new Alert(
                AlertId.newId(),
                AlertKind.ALERT,
                source,
                "n-1",
                Instant.now(),
                null,
                "Something bad",
                null,
                null,
                severity,
                null,
                Entities.NONE,
                tenant,
                "{}");
    }

    static TriageResult triage(RiskClass riskClass) {
        return new TriageResult(120, riskClass, Queue.PRIORITY, List.of(), 50, List.of());
    }
}
