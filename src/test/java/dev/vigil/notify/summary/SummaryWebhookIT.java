package dev.vigil.notify.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ServerSchemas;
import dev.vigil.notify.slack.FakeSlack;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With only an incoming webhook configured, the summary goes through it as text and blocks, without chart. */
@SpringBootTest(
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=0",
            "vigil.summary.enabled=false"
        })
class SummaryWebhookIT {

    private static final FakeSlack slack =
            FakeSlack.start("xoxb-summary-test-token-5b1e", "summary-webhook-secret-77c2");

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_sumhook_");
        registry.add("vigil.slack.webhook-url", () -> slack.webhookUrl().toString());
        registry.add("vigil.slack.api-url", () -> slack.apiUrl().toString());
    }

    @AfterAll
    static void stop() {
        slack.close();
    }

    @Autowired
    SummaryScheduler scheduler;

    @Autowired
    SummaryRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSummaryGoesThroughTheWebhookWithoutAChart() {
        SummaryFixture.insert(jdbc);
        scheduler.runDue(Instant.parse("2026-11-24T08:00:02Z"));

        assertThat(slack.accepted()).singleElement().satisfies(request -> {
            assertThat(request.call()).isEqualTo("webhook");
            assertThat(request.text()).startsWith("Vigil summary 2026-11-23 08:00 UTC to 2026-11-24 08:00 UTC");
        });
        assertThat(slack.sharedFiles()).isEmpty();
        assertThat(runs.recent(10)).singleElement().satisfies(run -> {
            assertThat(run.state()).isEqualTo(SummaryRun.State.SENT);
            assertThat(run.slackTs()).isNull();
            assertThat(run.chartFileId()).isNull();
        });
    }
}
