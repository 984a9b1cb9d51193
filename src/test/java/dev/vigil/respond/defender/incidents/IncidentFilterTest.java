package dev.vigil.respond.defender.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentFilterTest {

    @Test
    void noFilterIsNoClause() {
        assertThat(IncidentFilter.NONE.odata()).isNull();
        assertThat(IncidentFilter.of(null, null, null, null).odata()).isNull();
    }

    @Test
    void clausesAreJoinedWithAndEnumsCamelCaseAndTheTimeUnquoted() {
        IncidentFilter filter = IncidentFilter.of("INPROGRESS", "High", "kai@contoso.com", "2024-05-01T00:00:00Z");

        assertThat(filter.odata())
                .isEqualTo("status eq 'inProgress' and severity eq 'high' and assignedTo eq 'kai@contoso.com'"
                        + " and createdDateTime ge 2024-05-01T00:00:00Z");
    }

    @Test
    void quotesInFreeTextAreDoubledSoTheFilterKeepsItsShape() {
        IncidentFilter filter = IncidentFilter.of(null, null, "o'brien' or status eq 'active", null);

        assertThat(filter.odata()).isEqualTo("assignedTo eq 'o''brien'' or status eq ''active'");
    }

    @Test
    void unknownEnumMembersAndBadTimesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> IncidentFilter.of("unknownFutureValue", null, null, null))
                .isInstanceOf(InvalidIncidentRequest.class)
                .hasMessageStartingWith("status: ")
                .hasMessageContaining("awaitingAction");
        assertThatThrownBy(() -> IncidentFilter.of(null, "critical", null, null))
                .hasMessageStartingWith("severity: ");
        assertThatThrownBy(() -> IncidentFilter.of(null, null, null, "yesterday"))
                .hasMessageStartingWith("createdAfter: ");
        assertThatThrownBy(() -> IncidentFilter.of(null, null, null, "2024-05-01"))
                .hasMessageStartingWith("createdAfter: ");
    }

    @Test
    void anUpdateSendsOnlyTheFieldsGivenInGraphsCasing() {
        IncidentUpdate update =
                new IncidentUpdate("RESOLVED", "TruePositive", "Malware", null, null, "contained on ws-042");

        assertThat(update.graphBody().toString())
                .isEqualTo(
                        "{\"status\":\"resolved\",\"classification\":\"truePositive\",\"determination\":\"malware\"}");
        assertThat(update.checkedReason()).isEqualTo("contained on ws-042");
    }

    @Test
    void anEmptyAssigneeUnassignsAndTagsReplaceTheList() {
        IncidentUpdate update = new IncidentUpdate(null, null, null, "", List.of("auto-contained", " vip "), "x");

        assertThat(update.graphBody().toString())
                .isEqualTo("{\"assignedTo\":null,\"customTags\":[\"auto-contained\",\"vip\"]}");
    }

    @Test
    void updatesWithBadValuesNoChangeOrNoReasonAreRefused() {
        assertThatThrownBy(() -> new IncidentUpdate("closed", null, null, null, null, "r").graphBody())
                .hasMessageStartingWith("status: ");
        assertThatThrownBy(() -> new IncidentUpdate(null, "benign", null, null, null, "r").graphBody())
                .hasMessageStartingWith("classification: ");
        assertThatThrownBy(() -> new IncidentUpdate(null, null, "unknownFutureValue", null, null, "r").graphBody())
                .hasMessageStartingWith("determination: ");
        assertThatThrownBy(() -> new IncidentUpdate(null, null, null, null, List.of(" "), "r").graphBody())
                .hasMessageStartingWith("customTags: ");
        assertThatThrownBy(() -> new IncidentUpdate(null, null, null, null, null, "r").graphBody())
                .hasMessageStartingWith("body: ");
        assertThatThrownBy(() -> new IncidentUpdate("active", null, null, null, null, "  ").checkedReason())
                .hasMessageStartingWith("reason: ");
    }

    @Test
    void bothSpellingsOfTheDocumentedDeterminationsAreAccepted() {
        for (String determination : List.of("clean", "notMalicious", "insufficientData", "notEnoughDataToValidate")) {
            assertThat(new IncidentUpdate(null, null, determination, null, null, "r")
                            .graphBody()
                            .path("determination")
                            .asString())
                    .isEqualTo(determination);
        }
    }

    @Test
    void onlyNumericIdsReachTheUrl() {
        assertThat(GraphIncidents.checkedId("2972395")).isEqualTo("2972395");
        for (String bad : List.of("", "12a", "../rules", "1 2", "2972395?$expand=alerts")) {
            assertThatThrownBy(() -> GraphIncidents.checkedId(bad)).isInstanceOf(InvalidIncidentRequest.class);
        }
    }
}
