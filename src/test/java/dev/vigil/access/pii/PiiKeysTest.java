package dev.vigil.access.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.access.PiiField;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class PiiKeysTest {

    static final byte[] KEY = key(1);
    private final PiiKeys keys = new PiiKeys(KEY, 1);

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private String token(PiiField field, String value) {
        return keys.token(field, PiiValues.normalise(field, value));
    }

    @Test
    void theSameValueGivesTheSameTokenAfterNormalising() {
        String alice = token(PiiField.USER_NAME, "alice");
        assertThat(token(PiiField.USER_NAME, "Alice")).isEqualTo(alice);
        assertThat(token(PiiField.USER_NAME, "  ALICE ")).isEqualTo(alice);
        assertThat(new PiiKeys(KEY, 1).token(PiiField.USER_NAME, "alice")).isEqualTo(alice);
        assertThat(token(PiiField.USER_NAME, "bob")).isNotEqualTo(alice);

        assertThat(token(PiiField.EMAIL, "Alice@Contoso.COM")).isEqualTo(token(PiiField.EMAIL, "alice@contoso.com"));
        assertThat(token(PiiField.HOST_NAME, "SRV-DB-01.contoso.local."))
                .isEqualTo(token(PiiField.HOST_NAME, "srv-db-01.contoso.local"));
        assertThat(token(PiiField.INTERNAL_IP, "10.0.0.01")).isEqualTo(token(PiiField.INTERNAL_IP, "10.0.0.1"));
        assertThat(token(PiiField.INTERNAL_IP, "::ffff:10.0.0.1")).isEqualTo(token(PiiField.INTERNAL_IP, "10.0.0.1"));
        assertThat(token(PiiField.INTERNAL_IP, "FD00:0:0:0:0:0:0:1")).isEqualTo(token(PiiField.INTERNAL_IP, "fd00::1"));
    }

    @Test
    void tokensAreRecognisableAndWellFormed() {
        assertThat(token(PiiField.USER_NAME, "alice")).startsWith("USER-").hasSize(5 + PiiField.TOKEN_CHARS);
        assertThat(token(PiiField.EMAIL, "a@b.example")).startsWith("EMAIL-");
        assertThat(token(PiiField.HOST_NAME, "ws1")).startsWith("HOST-");
        assertThat(token(PiiField.INTERNAL_IP, "10.1.2.3")).startsWith("IP-");
        for (PiiField field : PiiField.values()) {
            String token = token(field, field == PiiField.INTERNAL_IP ? "192.168.7.7" : "x@y.example");
            assertThat(PiiField.isToken(token)).as(token).isTrue();
            assertThat(PiiField.ofToken(token)).contains(field);
        }
        assertThat(PiiField.isToken("USER-7KQ3M2X4ZP")).isFalse();
        assertThat(PiiField.isToken("user-" + "0".repeat(PiiField.TOKEN_CHARS))).isFalse();
        assertThat(PiiField.isToken("USER-" + "I".repeat(PiiField.TOKEN_CHARS))).isFalse();
    }

    @Test
    void theSameValueOfAnotherKindGivesAnUnrelatedToken() {
        assertThat(token(PiiField.HOST_NAME, "alice").substring(5))
                .isNotEqualTo(token(PiiField.USER_NAME, "alice").substring(5));
    }

    @Test
    void anotherKeyGivesUnrelatedTokens() {
        PiiKeys other = new PiiKeys(key(2), 1);
        assertThat(other.token(PiiField.USER_NAME, "alice")).isNotEqualTo(keys.token(PiiField.USER_NAME, "alice"));
    }

    @Test
    void sealedValuesOpenOnlyUnderTheirTokenAndKey() throws Exception {
        String token = keys.token(PiiField.USER_NAME, "alice");
        PiiKeys.Sealed sealed = keys.seal(token, "alice");
        assertThat(keys.open(token, sealed.nonce(), sealed.ciphertext())).isEqualTo("alice");

        PiiKeys.Sealed again = keys.seal(token, "alice");
        assertThat(again.nonce()).isNotEqualTo(sealed.nonce());
        assertThat(again.ciphertext()).isNotEqualTo(sealed.ciphertext());

        String bob = keys.token(PiiField.USER_NAME, "bob");
        assertThatThrownBy(() -> keys.open(bob, sealed.nonce(), sealed.ciphertext()))
                .isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> new PiiKeys(key(2), 1).open(token, sealed.nonce(), sealed.ciphertext()))
                .isInstanceOf(AEADBadTagException.class);
        byte[] flipped = sealed.ciphertext().clone();
        flipped[0] ^= 1;
        assertThatThrownBy(() -> keys.open(token, sealed.nonce(), flipped)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void refusesKeysThatAreNot32Bytes() {
        assertThatThrownBy(() -> new PiiKeys(new byte[16], 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsTheKeys() {
        assertThat(keys.toString()).doesNotContain("1, 1").contains("hidden");
    }
}
