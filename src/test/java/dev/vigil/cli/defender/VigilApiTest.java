package dev.vigil.cli.defender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VigilApiTest {

    static final String KEY = "vgl_cli-test-key-5d8e2a7f";

    @Test
    void encodesEachPathSegmentAndRefusesDotSegments() {
        assertThat(VigilApi.path("machines", "a/b c?d#e", "logonusers"))
                .isEqualTo("/machines/a%2Fb%20c%3Fd%23e/logonusers");
        assertThatThrownBy(() -> VigilApi.path("machines", "..")).isInstanceOf(Failure.class);
        assertThatThrownBy(() -> VigilApi.path("machines", " ")).isInstanceOf(Failure.class);
    }

    @Test
    void warnsOnlyWhenTheKeyWouldCrossANetworkUnencrypted() {
        assertThat(new VigilApi("http://vigil.example:8080", "contoso", KEY).sendsKeyInClear())
                .isTrue();
        assertThat(new VigilApi("https://vigil.example", "contoso", KEY).sendsKeyInClear())
                .isFalse();
        assertThat(new VigilApi("http://127.0.0.1:8080/", "contoso", KEY).sendsKeyInClear())
                .isFalse();
        assertThat(new VigilApi("http://localhost:8080", "contoso", KEY).sendsKeyInClear())
                .isFalse();
        assertThat(new VigilApi("http://[::1]:8080", "contoso", KEY).sendsKeyInClear())
                .isFalse();
    }

    @Test
    void refusesAddressesTenantsAndKeysItCannotUseWithoutEchoingTheKey() {
        assertThatThrownBy(() -> new VigilApi("ftp://vigil", "contoso", KEY)).hasMessageContaining("--url");
        assertThatThrownBy(() -> new VigilApi("http://user:pw@vigil", "contoso", KEY))
                .hasMessageContaining("--url");
        assertThatThrownBy(() -> new VigilApi("http://vigil", "Contoso/x", KEY)).hasMessageContaining("--tenant");
        String broken = KEY + " trailing words";
        assertThatThrownBy(() -> new VigilApi("http://vigil", "contoso", broken))
                .hasMessage("the API key is not one: 8 to 512 printable characters, no spaces")
                .extracting(e -> ((Failure) e).exitCode())
                .isEqualTo(Failure.USAGE);
    }

    @Test
    void removesControlCharactersFromPrintedText() {
        assertThat(Output.clean("a\u001b[31mb\r\nc\u0007")).isEqualTo("a [31mb  c ");
    }
}
