package dev.vigil.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SlackPropertiesTest {

    @Test
    void defaultsPointAtSlackWithNoSecrets() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("vigil.data-dir", "./data")));
        SlackProperties slack = binder.bindOrCreate("vigil.slack", SlackProperties.class);
        PublicUrl publicUrl = binder.bindOrCreate("vigil", PublicUrl.class);

        assertThat(slack.apiUrl()).isEqualTo(URI.create("https://slack.com/api/"));
        assertThat(slack.hasBotToken()).isFalse();
        assertThat(slack.webhook()).isNull();
        assertThat(slack.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(publicUrl.alert("0190c6d1-0000-7000-8000-000000000000"))
                .isEqualTo(URI.create("http://localhost:8080/api/v1/alerts/0190c6d1-0000-7000-8000-000000000000"));
    }

    @Test
    void bindsEveryKeyAndAddsTheSlashAMethodPrefixNeeds() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "vigil.slack.bot-token", "xoxb-fake-slack-token-7c1e5b",
                "vigil.slack.webhook-url", "https://hooks.slack.com/services/T0/B0/fakeWebhookSecret9f2d7a",
                "vigil.slack.channel", "C0ALERTS",
                "vigil.slack.api-url", "http://127.0.0.1:9/api",
                "vigil.public-url", "https://vigil.example")));
        SlackProperties slack = binder.bindOrCreate("vigil.slack", SlackProperties.class);

        assertThat(slack.hasBotToken()).isTrue();
        assertThat(slack.channel()).isEqualTo("C0ALERTS");
        assertThat(slack.apiUrl().resolve("chat.postMessage"))
                .isEqualTo(URI.create("http://127.0.0.1:9/api/chat.postMessage"));
        assertThat(slack.webhook()).hasHost("hooks.slack.com");
        assertThat(binder.bindOrCreate("vigil", PublicUrl.class).alert("x"))
                .isEqualTo(URI.create("https://vigil.example/api/v1/alerts/x"));
    }

    @Test
    void anInvalidWebhookUrlIsRefusedWithoutRepeatingIt() {
        SlackProperties slack = new SlackProperties(
                "",
                "hooks slack com/fakeWebhookSecret9f2d7a",
                "",
                URI.create("https://slack.com/api/"),
                Duration.ofSeconds(1));

        assertThatThrownBy(slack::webhook)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("fakeWebhookSecret9f2d7a");
    }

    @Test
    void interactivityKeysBindWithSlackIdsUpperCasedAndTheSigningSecretHidden() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "vigil.slack.signing-secret", "slack-it-signing-secret-93c2f7",
                "vigil.slack.response-url-prefix", "http://127.0.0.1:9/actions/",
                "vigil.slack.users.u0alice", "Alice")));
        SlackProperties slack = binder.bindOrCreate("vigil.slack", SlackProperties.class);

        assertThat(slack.hasSigningSecret()).isTrue();
        assertThat(slack.responseUrlPrefix()).isEqualTo(URI.create("http://127.0.0.1:9/actions/"));
        assertThat(slack.users()).containsExactly(Map.entry("U0ALICE", "alice"));
        assertThat(slack.toString())
                .doesNotContain("slack-it-signing-secret-93c2f7")
                .contains("signingSecret=(set)");
    }

    @Test
    void interactivityIsOffByDefaultAndAnswersOnlyToSlack() {
        SlackProperties slack = new Binder(new MapConfigurationPropertySource(Map.of("vigil.data-dir", "./data")))
                .bindOrCreate("vigil.slack", SlackProperties.class);

        assertThat(slack.hasSigningSecret()).isFalse();
        assertThat(slack.responseUrlPrefix()).isEqualTo(URI.create("https://hooks.slack.com/"));
        assertThat(slack.users()).isEmpty();
    }
}
