package dev.vigil.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void escapesTheThreeReservedCharacters() {
        assertThat(SlackText.escape("<!channel> & <@U1> <https://evil|click>"))
                .isEqualTo("&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://evil|click&gt;");
    }

    @Test
    void anEscapedEntityRoundTripsToItsOwnText() {
        // "&amp;" in an alert must show as "&amp;" in Slack, not as "&": Slack decodes once.
        assertThat(SlackText.escape("R&amp;D")).isEqualTo("R&amp;amp;D");
        assertThat(unescape(SlackText.escape("R&amp;D &lt; x"))).isEqualTo("R&amp;D &lt; x");
    }

    @Test
    void shortTextIsLeftAlone() {
        assertThat(SlackText.truncate("abc", 3)).isEqualTo("abc");
    }

    @Test
    void cutsBeforeAnEntityNeverInsideIt() {
        assertThat(SlackText.escaped("<<<<<", 7)).isEqualTo("&lt;…");
        assertThat(SlackText.escaped("a&b", 4)).isEqualTo("a…");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "😀".repeat(10);
        String cut = SlackText.truncate(emoji, 6);

        assertThat(cut).isEqualTo("😀😀…");
        assertThat(SlackText.truncate("a" + emoji, 7)).isEqualTo("a😀😀…");
    }

    static String unescape(String slackText) {
        return slackText.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
