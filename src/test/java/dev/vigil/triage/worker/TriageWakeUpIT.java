package dev.vigil.triage.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.ServerSchemas;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.SourceFormat;
import dev.vigil.ingest.AlertIntake;
import dev.vigil.ingest.ParseContext;
import dev.vigil.ingest.RevisedRecord;
import dev.vigil.ingest.RevisionResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts accepted inside a longer transaction (a polled page of Defender alerts) wake the idle triage worker
 * once they are committed. The worker's own poll is an hour, so only the wake-up can triage them in time: woken
 * before the commit, it would find nothing and sleep the hour.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "vigil.access.create-first-admin-key=false",
            "vigil.triage.workers=1",
            "vigil.triage.poll-interval=1h",
            "vigil.triage.linger=0s"
        })
class TriageWakeUpIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerSchemas.register(registry, "vigil_twu_");
    }

    @Autowired
    AlertIntake intake;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void alertsAcceptedInATransactionAreTriagedOnceItCommits() {
        String id = "da" + UUID.randomUUID().toString().replace("-", "");
        String alert = """
                {"@odata.type": "#microsoft.graph.security.alert", "id": "%s", "providerAlertId": "%s",
                 "status": "new", "severity": "high", "serviceSource": "microsoftDefenderForEndpoint",
                 "title": "Suspicious execution of hidden file", "category": "DefenseEvasion",
                 "createdDateTime": "2024-04-27T12:19:27.72Z", "lastUpdateDateTime": "2024-05-02T14:19:01.32Z",
                 "evidence": []}""".formatted(id, id);
        // The worker has found its queues empty and waits: only a wake-up brings it back within the hour.
        await().atMost(Duration.ofSeconds(20)).until(TriageWakeUpIT::workerWaits);

        RevisionResult result = tx.execute(s -> {
            RevisionResult accepted = intake.acceptRevisions(
                    List.of(new RevisedRecord(
                            alert.getBytes(StandardCharsets.UTF_8), Instant.parse("2024-05-02T14:19:01.32Z"))),
                    SourceFormat.GRAPH,
                    new ParseContext(Instant.now(), "contoso"));
            try {
                // The rest of the page's work: a worker woken now would look before the commit.
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return accepted;
        });

        assertThat(result.added()).hasSize(1);
        AlertId stored = result.added().get(0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                        "select triaged_at is not null from alert where id = ?", Boolean.class, stored.value()));
    }

    private static boolean workerWaits() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("triage-0") && t.getState() == Thread.State.TIMED_WAITING);
    }
}
