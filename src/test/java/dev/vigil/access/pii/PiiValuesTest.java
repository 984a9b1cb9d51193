package dev.vigil.access.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.access.PiiField;
import org.junit.jupiter.api.Test;

class PiiValuesTest {

    @Test
    void writesAddressesInOneCanonicalForm() {
        assertThat(PiiValues.canonicalIp("010.000.000.001")).isEqualTo("10.0.0.1");
        assertThat(PiiValues.canonicalIp("[fe80:0:0:0:0:0:0:1]")).isEqualTo("fe80::1");
        assertThat(PiiValues.canonicalIp("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(PiiValues.canonicalIp("::1")).isEqualTo("::1");
        assertThat(PiiValues.canonicalIp("fd00:1:2:3:4:5:6:7")).isEqualTo("fd00:1:2:3:4:5:6:7");
        assertThat(PiiValues.canonicalIp("::ffff:192.168.1.5")).isEqualTo("192.168.1.5");
    }

    @Test
    void refusesWhatIsNoAddressWithoutAskingDns() {
        for (String text : new String[] {"999.1.1.1", "10.0.0", "localhost", "example.com", ".::1", "1.2.3.4.5"}) {
            assertThatThrownBy(() -> PiiValues.normalise(PiiField.INTERNAL_IP, text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void foldsCaseOfNamesAndDropsTheRootDotOfHosts() {
        assertThat(PiiValues.normalise(PiiField.USER_NAME, " Alice ")).isEqualTo("alice");
        assertThat(PiiValues.normalise(PiiField.EMAIL, "Alice@Contoso.com")).isEqualTo("alice@contoso.com");
        assertThat(PiiValues.normalise(PiiField.HOST_NAME, "WS1.Contoso.Local."))
                .isEqualTo("ws1.contoso.local");
        // NFKC: a full-width name is the same name
        assertThat(PiiValues.normalise(PiiField.USER_NAME, "ａｌｉｃｅ")).isEqualTo("alice");
    }
}
