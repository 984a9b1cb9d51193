package dev.vigil.access.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.PiiField;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Determinism and injectivity of tokens on arbitrary values. */
class PiiTokenProperties {

    private final PiiKeys keys = new PiiKeys(PiiKeysTest.key(7), 1);

    @Property(tries = 200)
    void sameValueSameToken(@ForAll @StringLength(min = 1, max = 64) String value) {
        String token = keys.token(PiiField.USER_NAME, PiiValues.normalise(PiiField.USER_NAME, value));
        assertThat(keys.token(PiiField.USER_NAME, PiiValues.normalise(PiiField.USER_NAME, value)))
                .isEqualTo(token);
        assertThat(PiiField.isToken(token)).isTrue();
    }

    @Property(tries = 200)
    void caseDoesNotMatter(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 64) String value) {
        assertThat(keys.token(
                        PiiField.USER_NAME, PiiValues.normalise(PiiField.USER_NAME, value.toUpperCase(Locale.ROOT))))
                .isEqualTo(keys.token(PiiField.USER_NAME, PiiValues.normalise(PiiField.USER_NAME, value)));
    }

    @Property(tries = 50)
    void distinctValuesDistinctTokens(
            @ForAll @Size(min = 2, max = 200) List<@StringLength(min = 1, max = 32) String> values) {
        Map<String, String> valueByToken = new HashMap<>();
        for (String value : values) {
            String normalised = PiiValues.normalise(PiiField.EMAIL, value);
            String previous = valueByToken.putIfAbsent(keys.token(PiiField.EMAIL, normalised), normalised);
            assertThat(previous == null || previous.equals(normalised)).isTrue();
        }
    }
}
