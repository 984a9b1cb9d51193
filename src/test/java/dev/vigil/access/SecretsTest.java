package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void equalSecretsMatch() {
        assertThat(Secrets.constantTimeEquals("v0=abc123", "v0=abc123")).isTrue();
        assertThat(Secrets.constantTimeEquals(new byte[] {1, 2, 3}, new byte[] {1, 2, 3}))
                .isTrue();
    }

    @Test
    void differentSecretsDoNotMatch() {
        assertThat(Secrets.constantTimeEquals("v0=abc123", "v0=abc124")).isFalse();
        assertThat(Secrets.constantTimeEquals("v0=abc123", "v0=abc12")).isFalse();
        assertThat(Secrets.constantTimeEquals("", "x")).isFalse();
        assertThat(Secrets.constantTimeEquals(new byte[] {1, 2, 3}, new byte[] {1, 2}))
                .isFalse();
    }

    @Test
    void nullMatchesNothing() {
        assertThat(Secrets.constantTimeEquals((String) null, null)).isFalse();
        assertThat(Secrets.constantTimeEquals("secret", null)).isFalse();
        assertThat(Secrets.constantTimeEquals((byte[]) null, new byte[0])).isFalse();
    }

    @Test
    void comparesUnicodeByItsBytes() {
        assertThat(Secrets.constantTimeEquals("pässwörd", "pässwörd")).isTrue();
        assertThat(Secrets.constantTimeEquals("pässwörd", "passwörd")).isFalse();
    }
}
