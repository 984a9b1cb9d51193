package dev.vigil.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever the text and limit, a cut escaped text fits, is well-formed UTF-16 and holds only whole entities. */
class SlackTextProperties {

    private static final Pattern BROKEN_ENTITY = Pattern.compile("&(?!(amp|lt|gt);)");

    @Property(tries = 2000)
    void cutEscapedTextFitsAndStaysWellFormed(@ForAll String text, @ForAll @IntRange(min = 1, max = 300) int limit) {
        String cut = SlackText.escaped(text, limit);

        assertThat(cut.length()).isLessThanOrEqualTo(limit);
        assertThat(BROKEN_ENTITY.matcher(cut).find()).isFalse();
        assertThat(cut).doesNotContain("<").doesNotContain(">");
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1)))
                        .isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).isFalse();
            }
        }
    }
}
