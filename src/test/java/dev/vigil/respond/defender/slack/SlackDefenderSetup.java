package dev.vigil.respond.defender.slack;

import dev.vigil.access.AccessAdministration;
import dev.vigil.access.Role;
import dev.vigil.notify.slack.FakeSlack;
import dev.vigil.respond.DefenderApiClient;
import dev.vigil.respond.FakeDefender;
import dev.vigil.respond.TestKeys;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the Slack device-response ITs share: before each test a fresh run id, an alert source posting Defender
 * alerts, Slack's clicks, an engineer linked to a Slack user and a client of the contoso tenant's API; after
 * it, Slack answering again. Each IT keeps its own fakes (its {@link #slack()} and {@link #defender()}) and
 * its own context, schema and properties. Unlike the other Defender ITs these run the triage workers:
 * triage is what posts an alert's message to Slack.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vigil.access.create-first-admin-key=false")
@Import(TestKeys.class)
abstract class SlackDefenderSetup {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestKeys keys;

    @Autowired
    AccessAdministration administration;

    /** Tells this test's alerts, Slack users and keys from those of the other tests in the schema. */
    final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    DefenderAlerts alerts;
    SlackClicks clicks;
    SlackUser engineer;
    DefenderApiClient api;

    abstract FakeSlack slack();

    abstract FakeDefender defender();

    @BeforeEach
    void people() {
        defender().reset();
        alerts = new DefenderAlerts(slack(), defender(), port, keys.key(Role.ANALYST), run);
        clicks = new SlackClicks(slack(), port, run);
        engineer = SlackUser.linked(administration, Role.ENGINEER, "eng", run);
        api = DefenderApiClient.contoso(port);
    }

    @AfterEach
    void settle() {
        slack().recover();
    }

    /**
     * What was asked of Defender for the device beyond reads: the look-up before a click acts, and a
     * preview, read the device; only a write acts on it.
     */
    List<String> writesTo(String machine) {
        return defender().apiRequests().stream()
                .filter(r -> !r.startsWith("GET ") && r.contains(machine))
                .toList();
    }
}
