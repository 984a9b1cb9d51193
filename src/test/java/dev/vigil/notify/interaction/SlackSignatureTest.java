package dev.vigil.notify.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.notify.interaction.SlackSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    private static final String SECRET = "interaction-signing-secret-4b8e1d";
    private static final long NOW = 1_714_640_100L;
    private static final byte[] BODY =
            "payload=%7B%22type%22%3A%22block_actions%22%7D".getBytes(StandardCharsets.UTF_8);

    private final SlackSignature signature = new SlackSignature(SECRET, clockAt(NOW));

    @Test
    void acceptsWhatSlackSigned() {
        assertThat(signature.verify(Long.toString(NOW), SlackSigning.signature(SECRET, NOW, BODY), BODY))
                .isEqualTo(Verdict.VALID);
    }

    /** The worked example of Slack's "Verifying requests from Slack" page. */
    @Test
    void matchesSlacksPublishedExample() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        SlackSignature slack = new SlackSignature("8f742231b10e8888abcd99yyyzzz85a5", clockAt(1_531_420_618L));

        assertThat(slack.verify(
                        "1531420618",
                        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                        body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void refusesAnotherSecretsSignature() {
        assertThat(signature.verify(Long.toString(NOW), SlackSigning.signature("some-other-secret", NOW, BODY), BODY))
                .isEqualTo(Verdict.WRONG_SIGNATURE);
    }

    @Test
    void refusesATamperedBody() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThat(signature.verify(Long.toString(NOW), SlackSigning.signature(SECRET, NOW, BODY), tampered))
                .isEqualTo(Verdict.WRONG_SIGNATURE);
    }

    @Test
    void refusesASignatureMovedToAnotherTimestamp() {
        assertThat(signature.verify(Long.toString(NOW - 1), SlackSigning.signature(SECRET, NOW, BODY), BODY))
                .isEqualTo(Verdict.WRONG_SIGNATURE);
    }

    @Test
    void refusesUpperCaseOrMalformedSignatures() {
        String good = SlackSigning.signature(SECRET, NOW, BODY);
        assertThat(signature.verify(Long.toString(NOW), good.substring(3), BODY))
                .isEqualTo(Verdict.WRONG_SIGNATURE);
        assertThat(signature.verify(Long.toString(NOW), "v1=" + good.substring(3), BODY))
                .isEqualTo(Verdict.WRONG_SIGNATURE);
        assertThat(signature.verify(Long.toString(NOW), "", BODY)).isEqualTo(Verdict.WRONG_SIGNATURE);
    }

    @Test
    void refusesStaleRequestsEvenWhenCorrectlySigned() {
        long old = NOW - SlackSignature.MAX_SKEW_SECONDS - 1;
        assertThat(signature.verify(Long.toString(old), SlackSigning.signature(SECRET, old, BODY), BODY))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void refusesRequestsFromTooFarInTheFuture() {
        long ahead = NOW + SlackSignature.MAX_SKEW_SECONDS + 1;
        assertThat(signature.verify(Long.toString(ahead), SlackSigning.signature(SECRET, ahead, BODY), BODY))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void acceptsTheEdgesOfTheWindow() {
        for (long at : new long[] {NOW - SlackSignature.MAX_SKEW_SECONDS, NOW + SlackSignature.MAX_SKEW_SECONDS}) {
            assertThat(signature.verify(Long.toString(at), SlackSigning.signature(SECRET, at, BODY), BODY))
                    .isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        String good = SlackSigning.signature(SECRET, NOW, BODY);
        assertThat(signature.verify(null, good, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify(Long.toString(NOW), null, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify(null, null, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify("", good, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify("-5", good, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify("1714640100.5", good, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(signature.verify("99999999999999999999", good, BODY)).isEqualTo(Verdict.MISSING_HEADERS);
    }

    @Test
    void aSecretReadFromAFileKeepsWorkingWithItsNewline() {
        SlackSignature fromFile = new SlackSignature(SECRET + "\n", clockAt(NOW));
        assertThat(fromFile.verify(Long.toString(NOW), SlackSigning.signature(SECRET, NOW, BODY), BODY))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void cannotBeMadeWithoutASecret() {
        assertThatThrownBy(() -> new SlackSignature(" ", clockAt(NOW))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
