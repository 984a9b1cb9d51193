package dev.vigil.respond.defender.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceNamesTest {

    @Test
    void theSameNameAgreesWhateverItsCase() {
        assertThat(DeviceNames.agree("WS-042.Contoso.com", "ws-042.contoso.com"))
                .isTrue();
    }

    @Test
    void theShortHostAgreesWithDefendersFqdn() {
        assertThat(DeviceNames.agree("ws-042", "ws-042.contoso.com")).isTrue();
        assertThat(DeviceNames.agree("WS-042", "ws-042.contoso.com")).isTrue();
    }

    @Test
    void anotherHostDoesNotAgree() {
        assertThat(DeviceNames.agree("printer-7.contoso.com", "ws-042.contoso.com"))
                .isFalse();
        assertThat(DeviceNames.agree("ws-04", "ws-042.contoso.com")).isFalse();
        assertThat(DeviceNames.agree("ws-042.contoso", "ws-042.contoso.com")).isFalse();
        assertThat(DeviceNames.agree("ws-042.contoso.com.evil.example", "ws-042.contoso.com"))
                .isFalse();
    }

    @Test
    void anFqdnInTheAlertIsNotShortenedToFitDefendersShortName() {
        assertThat(DeviceNames.agree("ws-042.fabrikam.com", "ws-042")).isFalse();
        assertThat(DeviceNames.agree("ws-042", "ws-042")).isTrue();
    }

    @Test
    void aNamelessAlertAgreesButANamedOneNeedsDefendersName() {
        assertThat(DeviceNames.agree(null, "ws-042.contoso.com")).isTrue();
        assertThat(DeviceNames.agree(null, null)).isTrue();
        assertThat(DeviceNames.agree("ws-042", null)).isFalse();
        assertThat(DeviceNames.agree("ws-042", " ")).isFalse();
    }
}
