package dev.vigil.notify.summary;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Alerts with known classes, sources, techniques, hosts, users and statuses across two periods, written
 * straight into the alert table as triage would leave them. {@link #PERIOD} holds six alerts (and an
 * event, and an alert at its exclusive end, neither counted); the 24 hours before it hold four.
 */
public final class SummaryFixture {

    public static final SummaryPeriod PERIOD =
            new SummaryPeriod(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-24T08:00:00Z"));

    public static final String A1 = "00000000-0000-0000-0000-0000000000a1";
    public static final String A2 = "00000000-0000-0000-0000-0000000000a2";

    private SummaryFixture() {}

    public static void insert(JdbcTemplate jdbc) {
        Instant t = PERIOD.from();
        // a1: ransomware on a server, impact and credential access: impact wins by precedence
        alert(
                jdbc,
                A1,
                "ALERT",
                "defender",
                t.plusSeconds(3600),
                "Ransomware behaviour",
                "HIGH",
                "CRITICAL",
                95,
                "priority",
                "Ransomware",
                "ACKNOWLEDGED",
                Duration.ofMinutes(10),
                List.of(tech("T1486", "impact"), tech("T1003.001", "credential-access")),
                "[{\"name\":\"srv-db-01\"}]",
                "[{\"name\":\"alice\",\"domain\":\"CONTOSO\",\"privileged\":false}]");
        alert(
                jdbc,
                A2,
                "ALERT",
                "defender",
                t.plusSeconds(7200),
                "LSASS access",
                "HIGH",
                "HIGH",
                80,
                "priority",
                "CredentialAccess",
                "FALSE_POSITIVE",
                Duration.ofMinutes(20),
                List.of(tech("T1003.001", "credential-access", "discovery")),
                "[{\"name\":\"srv-db-01\"}]",
                "[{\"name\":\"alice\",\"domain\":\"CONTOSO\",\"privileged\":false}]");
        alert(
                jdbc,
                id(3),
                "ALERT",
                "suricata",
                t.plusSeconds(7300),
                "ET TROJAN beacon",
                "MEDIUM",
                "MEDIUM",
                50,
                "standard",
                "A Network Trojan was Detected",
                "RESOLVED",
                null,
                List.of(),
                "[{\"ip\":\"10.0.0.5\"}]",
                "[{\"name\":\"bob\",\"privileged\":false}]");
        alert(
                jdbc,
                id(4),
                "ALERT",
                "suricata",
                t.plusSeconds(7400),
                "Cloud storage upload",
                "LOW",
                "LOW",
                20,
                "standard",
                "Potential Corporate Privacy Violation",
                "TRIAGED",
                null,
                List.of(),
                "[{\"name\":\"srv-db-01\",\"ip\":\"10.0.0.9\"}]",
                "[{\"name\":\"bob\",\"privileged\":false}]");
        alert(
                jdbc,
                id(5),
                "ALERT",
                "sysmon",
                t.plusSeconds(80000),
                "Account discovery",
                "MEDIUM",
                null,
                null,
                "standard",
                null,
                "NEW",
                null,
                List.of(tech("T1087", "discovery")),
                "[{\"name\":\"WORKSTATION5\"}]",
                "[{\"sid\":\"S-1-5-21-1\",\"privileged\":false}]");
        alert(
                jdbc,
                id(6),
                "ALERT",
                "sysmon",
                t,
                "PowerShell",
                "INFO",
                "LOW",
                10,
                "standard",
                null,
                "TRIAGED",
                null,
                List.of(tech("T1059", "execution")),
                "[{\"name\":\"WORKSTATION5\"}]",
                "[{\"name\":\"bob\",\"privileged\":false}]");
        // not counted: a context event in the period, and an alert at its exclusive end
        alert(
                jdbc,
                id(7),
                "EVENT",
                "sysmon",
                t.plusSeconds(100),
                "Process created",
                "INFO",
                null,
                null,
                "standard",
                null,
                "NEW",
                null,
                List.of(),
                "[{\"name\":\"WORKSTATION5\"}]",
                "[]");
        alert(
                jdbc,
                id(8),
                "ALERT",
                "defender",
                PERIOD.to(),
                "Tomorrow",
                "HIGH",
                "HIGH",
                85,
                "priority",
                null,
                "NEW",
                null,
                List.of(),
                "[]",
                "[]");
        // the previous period: two HIGH, two LOW
        Instant p = PERIOD.previous().from();
        String[] classes = {"HIGH", "HIGH", "LOW", "LOW"};
        for (int i = 0; i < classes.length; i++) {
            alert(
                    jdbc,
                    id(20 + i),
                    "ALERT",
                    "defender",
                    p.plusSeconds(1000L * i),
                    "Earlier",
                    "MEDIUM",
                    classes[i],
                    classes[i].equals("HIGH") ? 70 : 20,
                    "standard",
                    null,
                    "TRIAGED",
                    null,
                    List.of(),
                    "[]",
                    "[]");
        }
    }

    public static String id(int n) {
        return String.format("00000000-0000-0000-0000-%012x", n);
    }

    private record Tech(String id, List<String> tactics) {}

    private static Tech tech(String id, String... tactics) {
        return new Tech(id, List.of(tactics));
    }

    @SuppressWarnings("ParameterNumber")
    private static void alert(
            JdbcTemplate jdbc,
            String id,
            String kind,
            String source,
            Instant receivedAt,
            String title,
            String severity,
            @Nullable String riskClass,
            @Nullable Integer risk,
            String queue,
            @Nullable String category,
            String status,
            @Nullable Duration acknowledgedAfter,
            List<Tech> techniques,
            String hosts,
            String users) {
        StringBuilder json = new StringBuilder("[");
        for (Tech tech : techniques) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(tech.id()).append("\",\"tactics\":[");
            json.append(String.join(
                    ",", tech.tactics().stream().map(s -> "\"" + s + "\"").toList()));
            json.append("]}");
        }
        json.append(']');
        jdbc.update(
                """
                insert into alert (id, kind, source, received_at, title, severity, category, entities, raw, status,
                                   queue, risk_score, risk_class, techniques, acknowledged_at)
                values (?::uuid, ?, ?, ?, ?, ?, ?, ?::jsonb, '{}', ?, ?, ?, ?, ?::jsonb, ?)
                """,
                id,
                kind,
                source,
                Timestamp.from(receivedAt),
                title,
                severity,
                category,
                "{\"hosts\":" + hosts + ",\"users\":" + users + "}",
                status,
                queue,
                risk,
                riskClass,
                json.toString(),
                acknowledgedAfter == null ? null : Timestamp.from(receivedAt.plus(acknowledgedAfter)));
        for (Tech tech : techniques) {
            jdbc.update(
                    "insert into alert_technique (alert_id, technique_id, parent_id) values (?::uuid, ?, ?)",
                    id,
                    tech.id(),
                    tech.id().split("\\.")[0]);
        }
    }
}
