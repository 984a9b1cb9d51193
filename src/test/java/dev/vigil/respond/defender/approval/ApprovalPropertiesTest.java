package dev.vigil.respond.defender.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.access.Permission;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;

class ApprovalPropertiesTest {

    private static ApprovalProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("vigil.defender.approvals", ApprovalProperties.class);
    }

    @Test
    void offboardingWaitsForASecondPersonByDefault() {
        ApprovalProperties defaults = bind(Map.of());

        assertThat(defaults.required()).containsExactly("offboard");
        assertThat(defaults.ttl()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aDeploymentChoosesWhatWaitsIncludingNothing() {
        assertThat(bind(Map.of("vigil.defender.approvals.required", "isolate,rule-delete"))
                        .required())
                .containsExactlyInAnyOrder("isolate", "rule-delete");
        assertThat(bind(Map.of("vigil.defender.approvals.required", "")).required())
                .isEmpty();
    }

    @Test
    void anUnknownOperationStopsVigilAtStartWithTheKnownOnes() {
        ApprovalProperties properties = new ApprovalProperties(Set.of("isolate", "reboot"), Duration.ofHours(1));

        assertThatThrownBy(() ->
                        new Approvals(null, properties, List.of(named("isolate")), event -> {}, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[reboot]")
                .hasMessageContaining("known: [isolate]");
    }

    @Test
    void aTtlMustBePositive() {
        assertThatThrownBy(() -> new ApprovalProperties(Set.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static GatedOperation named(String name) {
        return new GatedOperation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Permission permission() {
                return Permission.DEFENDER_RESPOND;
            }

            @Override
            public JsonNode preview(String tenant, JsonNode request, String requestId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object execute(String tenant, JsonNode request, String requestedBy, String requestId) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
