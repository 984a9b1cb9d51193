package dev.vigil.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.alert.Entities;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real client against {@link FakeSlack} over loopback HTTP: no Spring and no database, so a unit test,
 * but every answer crosses a real socket.
 */
class SlackHttpClientTest {

    static final String TOKEN = "xoxb-fake-slack-token-7c1e5b";
    static final String WEBHOOK_SECRET = "fakeWebhookSecret9f2d7a";
    static final List<Map<String, Object>> BLOCKS = List.of(Blocks.section("*hello*"));

    FakeSlack slack;
    SlackHttpClient client;

    @BeforeEach
    void start() {
        slack = FakeSlack.start(TOKEN, WEBHOOK_SECRET);
        client = clientWith(TOKEN);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    SlackHttpClient clientWith(String token) {
        return new SlackHttpClient(new SlackProperties(token, "", "C0ALERTS", slack.apiUrl(), Duration.ofSeconds(5)));
    }

    @Test
    void postingReturnsTheTsSlackAssigned() {
        String first = client.postMessage("C0ALERTS", "hello", BLOCKS, null);
        String second = client.postMessage("C0ALERTS", "again", BLOCKS, null);

        assertThat(first).matches("\\d+\\.\\d{6}");
        assertThat(second).isNotEqualTo(first);
        assertThat(slack.postsTo("C0ALERTS")).extracting(FakeSlack.Request::ts).containsExactly(first, second);
        assertThat(slack.requests()
                        .get(0)
                        .body()
                        .path("blocks")
                        .get(0)
                        .path("type")
                        .asString())
                .isEqualTo("section");
    }

    @Test
    void aReplyCarriesTheParentsThreadTs() {
        String parent = client.postMessage("C0ALERTS", "alert", BLOCKS, null);
        client.postMessage("C0ALERTS", "seen 3 more times in 10 min", List.of(), parent);

        assertThat(slack.postsTo("C0ALERTS"))
                .extracting(FakeSlack.Request::threadTs)
                .containsExactly(null, parent);
    }

    @Test
    void updateReplacesAnExistingMessageAndRefusesAnUnknownOne() {
        String ts = client.postMessage("C0ALERTS", "alert", BLOCKS, null);
        client.update("C0ALERTS", ts, "acknowledged", BLOCKS);

        assertThat(slack.accepted())
                .extracting(FakeSlack.Request::call)
                .containsExactly("chat.postMessage", "chat.update");
        assertThatThrownBy(() -> client.update("C0ALERTS", "1.000999", "x", BLOCKS))
                .isInstanceOfSatisfying(
                        SlackPermanentError.class, e -> assertThat(e.reason()).isEqualTo("message_not_found"));
    }

    @Test
    void http429IsRateLimitedWithTheRetryAfterSlackSent() {
        slack.answerRateLimited(7);

        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "hello", BLOCKS, null))
                .isInstanceOfSatisfying(
                        SlackRateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void aBurstBeyondTheChannelsPaceIsRateLimitedForASecondWhileOtherChannelsPost() {
        slack.paceChannels(2);
        client.postMessage("C0ALERTS", "1", BLOCKS, null);
        client.postMessage("C0ALERTS", "2", BLOCKS, null);

        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "3", BLOCKS, null))
                .isInstanceOfSatisfying(
                        SlackRateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(client.postMessage("C0OTHER", "elsewhere", BLOCKS, null)).isNotBlank();
        assertThat(slack.postsTo("C0ALERTS"))
                .extracting(FakeSlack.Request::text)
                .containsExactly("1", "2");
    }

    @Test
    void http503IsTransient() {
        slack.answerUnavailable();

        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "hello", BLOCKS, null))
                .isInstanceOf(SlackTransientError.class)
                .hasMessageContaining("503");
    }

    @Test
    void aRefusedConnectionIsTransientAndRecoveryDeliversOnTheSamePort() {
        slack.refuseConnections();

        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "hello", BLOCKS, null))
                .isInstanceOf(SlackTransientError.class);

        slack.recover();
        assertThat(client.postMessage("C0ALERTS", "hello", BLOCKS, null)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel_not_found", "not_in_channel", "is_archived", "account_inactive", "token_revoked"})
    void slacksRefusalsArePermanentWithTheReason(String error) {
        slack.answerError(error);

        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "hello", BLOCKS, null))
                .isInstanceOfSatisfying(
                        SlackPermanentError.class, e -> assertThat(e.reason()).isEqualTo(error));
    }

    @ParameterizedTest
    @ValueSource(strings = {"internal_error", "fatal_error"})
    void slacksOwnFailuresAreTransient(String error) {
        slack.answerError(error);

        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "hello", BLOCKS, null))
                .isInstanceOf(SlackTransientError.class)
                .hasMessageContaining(error);
    }

    /** §4.1: the documented body code is {@code rate_limited}; {@code ratelimited} is what comes with a 429. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rate_limited", "ratelimited"})
    void ratelimitedInTheBodyIsRateLimited(String code) {
        slack.answerError(code);

        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "hello", BLOCKS, null))
                .isInstanceOfSatisfying(
                        SlackRateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aWrongTokenIsInvalidAuthAndNoMessageNamesEitherToken() {
        String wrong = "xoxb-wrong-slack-token-0a9b8c";
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                SlackPermanentError.class, () -> clientWith(wrong).postMessage("C0ALERTS", "hi", BLOCKS, null));

        assertThat(((SlackPermanentError) thrown).reason()).isEqualTo("invalid_auth");
        assertThat(thrown.getMessage()).doesNotContain(wrong).doesNotContain(TOKEN);
        assertThat(thrown.getCause()).isNull();
    }

    @Test
    void aTokenWithATrailingNewlineFromAFileStillWorks() {
        assertThat(clientWith(TOKEN + "\n").postMessage("C0ALERTS", "hi", BLOCKS, null))
                .isNotBlank();
    }

    @Test
    void anEmptyTokenIsNotAuthed() {
        assertThatThrownBy(() -> clientWith("").postMessage("C0ALERTS", "hi", BLOCKS, null))
                .isInstanceOfSatisfying(
                        SlackPermanentError.class, e -> assertThat(e.reason()).isEqualTo("not_authed"));
    }

    @Test
    void blocksOverSlacksLimitsAreRefusedAsInvalidBlocks() {
        List<Map<String, Object>> tooLong =
                List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "x".repeat(3001))));

        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "hello", tooLong, null))
                .isInstanceOfSatisfying(
                        SlackPermanentError.class, e -> assertThat(e.reason()).isEqualTo("invalid_blocks"));
        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "x".repeat(40_001), List.of(), null))
                .isInstanceOfSatisfying(
                        SlackPermanentError.class, e -> assertThat(e.reason()).isEqualTo("msg_too_long"));
    }

    @Test
    void theFakeNamesTheOffendingBlockAsSlackDoes() {
        List<Map<String, Object>> tooLong = List.of(
                Blocks.header("ok"),
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "x".repeat(3001))));
        assertThatThrownBy(() -> client.postMessage("C0ALERTS", "hello", tooLong, null));

        assertThat(slack.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.error()).isEqualTo("invalid_blocks"));
        assertThat(BlockKitRules.violations(slack.requests().get(0).body().path("blocks")))
                .containsExactly("must be less than 3001 characters [json-pointer:/blocks/1/text/text]");
    }

    @Test
    void aHugeHostileAlertMessageIsAcceptedByBothDeliveryModes() {
        String hostile = "<!channel> " + "x".repeat(10_000);
        Entities.Builder entities = Entities.builder();
        for (int i = 0; i < 500; i++) {
            entities.host(hostile + i, null, null);
        }
        SlackMessage message = AlertMessageTest.MESSAGES.of(AlertMessageTest.stored(
                hostile,
                entities.build(),
                IntStream.range(0, 200)
                        .mapToObj(i -> AlertMessageTest.technique("T%04d".formatted(1000 + i), hostile))
                        .toList(),
                List.of(hostile)));

        String ts = client.postMessage("C0ALERTS", message.text(), message.blocks(), null);
        client.update("C0ALERTS", ts, message.text(), message.blocks());
        client.postWebhook(slack.webhookUrl(), message.text(), message.blocks());

        assertThat(slack.accepted()).hasSize(3);
    }

    @Test
    void aWebhookPostSucceedsOnPlainOk() {
        client.postWebhook(slack.webhookUrl(), "hello", BLOCKS);

        assertThat(slack.accepted()).singleElement().satisfies(r -> {
            assertThat(r.call()).isEqualTo("webhook");
            assertThat(r.text()).isEqualTo("hello");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel_not_found", "channel_is_archived", "action_prohibited", "invalid_payload"})
    void webhookRefusalsArePermanentWithTheReasonAndNeverTheUrl(String error) {
        slack.answerError(error);

        assertThatThrownBy(() -> client.postWebhook(slack.webhookUrl(), "hello", BLOCKS))
                .isInstanceOfSatisfying(SlackPermanentError.class, e -> {
                    assertThat(e.reason()).isEqualTo(error);
                    assertThat(e.getMessage()).doesNotContain(WEBHOOK_SECRET);
                });
    }

    @Test
    void anUnknownWebhookIsPermanent() {
        URI revoked = URI.create(
                slack.apiUrl().resolve("/services/T0FAKE/B0FAKE/revoked0secret").toString());

        assertThatThrownBy(() -> client.postWebhook(revoked, "hello", BLOCKS))
                .isInstanceOfSatisfying(
                        SlackPermanentError.class, e -> assertThat(e.reason()).isEqualTo("no_service"));
    }

    @Test
    void webhookRateLimitAndOutagesAreRetryable() {
        slack.answerRateLimited(3);
        assertThatThrownBy(() -> client.postWebhook(slack.webhookUrl(), "hello", BLOCKS))
                .isInstanceOfSatisfying(
                        SlackRateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));

        slack.answerError("rollup_error");
        assertThatThrownBy(() -> client.postWebhook(slack.webhookUrl(), "hello", BLOCKS))
                .isInstanceOf(SlackTransientError.class);

        slack.refuseConnections();
        assertThatThrownBy(() -> client.postWebhook(slack.webhookUrl(), "hello", BLOCKS))
                .isInstanceOf(SlackTransientError.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WEBHOOK_SECRET));
    }

    @Test
    void propertiesNeverPrintTheirSecrets() {
        SlackProperties properties = new SlackProperties(
                TOKEN, slack.webhookUrl().toString(), "C0ALERTS", slack.apiUrl(), Duration.ofSeconds(1));

        assertThat(properties.toString()).doesNotContain(TOKEN).doesNotContain(WEBHOOK_SECRET);
    }

    @Test
    void aFileIsUploadedInThreeStepsAndSharedInTheThread() {
        String ts = client.postMessage("C0ALERTS", "summary", BLOCKS, null);
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

        SlackApi.FileUpload upload = client.startUpload("chart.png", bytes.length);
        client.sendUpload(upload, bytes);
        client.completeUpload(upload, "The chart", "C0ALERTS", ts);

        assertThat(upload.fileId()).startsWith("F");
        assertThat(slack.sharedFiles()).singleElement().satisfies(file -> {
            assertThat(file.fileId()).isEqualTo(upload.fileId());
            assertThat(file.filename()).isEqualTo("chart.png");
            assertThat(file.title()).isEqualTo("The chart");
            assertThat(file.channel()).isEqualTo("C0ALERTS");
            assertThat(file.threadTs()).isEqualTo(ts);
            assertThat(file.bytes()).isEqualTo(bytes);
        });
    }

    @Test
    void uploadStepsNeedTheBotToken() {
        assertThatThrownBy(() -> clientWith("xoxb-wrong-slack-token-0a9b8c").startUpload("chart.png", 10))
                .isInstanceOfSatisfying(
                        SlackPermanentError.class, e -> assertThat(e.reason()).isEqualTo("invalid_auth"));
        SlackApi.FileUpload upload = client.startUpload("chart.png", 3);
        client.sendUpload(upload, new byte[] {1, 2, 3});
        assertThatThrownBy(
                        () -> clientWith("xoxb-wrong-slack-token-0a9b8c").completeUpload(upload, "t", "C0ALERTS", null))
                .isInstanceOfSatisfying(
                        SlackPermanentError.class, e -> assertThat(e.reason()).isEqualTo("invalid_auth"));
        assertThat(slack.sharedFiles()).isEmpty();
    }

    @Test
    void uploadFailuresAreClassifiedLikeEveryOtherCall() {
        slack.answerRateLimited(7);
        assertThatThrownBy(() -> client.startUpload("chart.png", 3))
                .isInstanceOfSatisfying(
                        SlackRateLimited.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        slack.recover();
        SlackApi.FileUpload upload = client.startUpload("chart.png", 3);
        slack.refuseUploads();
        assertThatThrownBy(() -> client.sendUpload(upload, new byte[] {1, 2, 3}))
                .isInstanceOf(SlackTransientError.class);
        slack.recover();
        client.sendUpload(upload, new byte[] {1, 2});
        // Fewer bytes than announced: Slack refuses to share the file, and a retry cannot change that.
        assertThatThrownBy(() -> client.completeUpload(upload, "t", "C0ALERTS", null))
                .isInstanceOfSatisfying(
                        SlackPermanentError.class, e -> assertThat(e.reason()).isEqualTo("file_upload_size_mismatch"));
        slack.answerError("internal_error");
        assertThatThrownBy(() -> client.completeUpload(upload, "t", "C0ALERTS", null))
                .isInstanceOf(SlackTransientError.class);
    }
}
