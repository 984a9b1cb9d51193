package dev.vigil.access.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    @Test
    void tokensCarry256RandomBitsAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = SessionTokens.newToken();
            assertThat(token).hasSize(SessionTokens.LENGTH).matches("[A-Za-z0-9_-]{43}");
            assertThat(SessionTokens.wellFormed(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void malformedCookiesAreRecognisedWithoutAQuery() {
        assertThat(SessionTokens.wellFormed("")).isFalse();
        assertThat(SessionTokens.wellFormed("a".repeat(42))).isFalse();
        assertThat(SessionTokens.wellFormed("a".repeat(42) + "=")).isFalse();
        assertThat(SessionTokens.wellFormed("a".repeat(42) + "é")).isFalse();
    }

    @Test
    void theStoredFormIsTheSha256OfTheToken() {
        assertThat(SessionTokens.hash("abc"))
                .asHexString()
                .isEqualToIgnoringCase("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
