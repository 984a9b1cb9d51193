package dev.vigil.notify.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ResponseUrlsTest {

    private final ResponseUrls slack = new ResponseUrls(
            URI.create("https://hooks.slack.com/"),
            Duration.ofSeconds(1),
            JsonMapper.builder().build());

    @Test
    void allowsSlacksResponseUrls() {
        assertThat(slack.allowed("https://hooks.slack.com/actions/T0123ABC/1234567890/AbCdEf"))
                .hasValue(URI.create("https://hooks.slack.com/actions/T0123ABC/1234567890/AbCdEf"));
        assertThat(slack.allowed("https://hooks.slack.com:443/actions/T0123ABC/1/x"))
                .isPresent();
    }

    @Test
    void refusesEverythingElse() {
        for (String url : new String[] {
            "http://hooks.slack.com/actions/T0123ABC/1/x",
            "https://hooks.slack.com.evil.example/actions/x",
            "https://hooks.slack.com@evil.example/actions/x",
            "https://user@hooks.slack.com/actions/x",
            "https://evil.example/https://hooks.slack.com/",
            "https://hooks.slack.com:8443/actions/x",
            "https://169.254.169.254/latest/meta-data/",
            "/actions/T0123ABC/1/x",
            "not a url at all",
            ""
        }) {
            assertThat(slack.allowed(url)).as(url).isEmpty();
        }
    }

    @Test
    void aPathPrefixKeepsUrlsBelowIt() {
        ResponseUrls fake = new ResponseUrls(
                URI.create("http://127.0.0.1:8089/actions/"),
                Duration.ofSeconds(1),
                JsonMapper.builder().build());

        assertThat(fake.allowed("http://127.0.0.1:8089/actions/T0FAKE/1/t")).isPresent();
        assertThat(fake.allowed("http://127.0.0.1:8089/api/chat.postMessage")).isEmpty();
        assertThat(fake.allowed("http://127.0.0.1:8089/actions/../api/chat.postMessage"))
                .isEmpty();
        assertThat(fake.allowed("http://127.0.0.1:9999/actions/T0FAKE/1/t")).isEmpty();
    }
}
