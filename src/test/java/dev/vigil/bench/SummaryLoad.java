package dev.vigil.bench;

import dev.vigil.notify.summary.SummaryPeriod;
import dev.vigil.notify.summary.SummaryReport;
import dev.vigil.notify.summary.SummaryReports;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The daily summary over N stored alerts (default 1,000,000): creates a schema of its own on a PostgreSQL
 * server, migrates it with Flyway, loads the alerts with COPY (spread evenly over the 30 days before the
 * end of the Monday report, about half with techniques), then times {@link SummaryReports#report} for a
 * 24-hour, a 72-hour and a 30-day period (the last covering every alert), and drops the schema. See
 * docs/benchmarks.md, "Daily summary".
 *
 * <pre>SummaryLoad [jdbc-url] [user] [alerts] [rounds]</pre>
 */
public final class SummaryLoad {

    private static final Instant END = Instant.parse("2026-11-23T08:00:00Z");
    private static final Duration SPREAD = Duration.ofDays(30);
    private static final String[] SOURCES = {"defender", "graph", "suricata", "zeek", "sysmon", "splunk"};
    private static final String[] SEVERITIES = {"INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"};
    private static final String[] CLASSES = {"LOW", "LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH", "CRITICAL", null};
    private static final String[] STATUSES = {"NEW", "TRIAGED", "TRIAGED", "ACKNOWLEDGED", "RESOLVED", "FALSE_POSITIVE"
    };
    private static final String[] CATEGORIES = {
        "Malware",
        "CredentialAccess",
        "A Network Trojan was Detected",
        "Potential Corporate Privacy Violation",
        "Discovery",
        "SuspiciousActivity",
        "Exfiltration",
        "LateralMovement",
        null
    };
    private static final String[][] TECHNIQUES = {
        {"T1003.001", "credential-access"},
        {"T1059.001", "execution"},
        {"T1087", "discovery"},
        {"T1486", "impact"},
        {"T1071", "command-and-control"},
        {"T1021.002", "lateral-movement"},
        {"T1053.005", "persistence"},
        {"T1041", "exfiltration"},
        {"T1046", "discovery"},
        {"T1055", "privilege-escalation"}
    };

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test";
        String user = args.length > 1 ? args[1] : "postgres";
        int alerts = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String schema = "vigil_sum_bench_" + UUID.randomUUID().toString().substring(0, 8);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;

        DriverManagerDataSource dataSource = new DriverManagerDataSource(schemaUrl, user, "");
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try {
            long started = System.nanoTime();
            load(dataSource, alerts);
            System.out.printf(
                    Locale.ROOT,
                    "loaded %,d alerts in %.1f s (COPY, then ANALYZE)%n",
                    alerts,
                    (System.nanoTime() - started) / 1e9);
            // One connection kept open, as a pool would: the figures are the queries, not connection set-up.
            SingleConnectionDataSource connection = new SingleConnectionDataSource(schemaUrl, user, "", true);
            SummaryReports reports = new SummaryReports(new JdbcTemplate(connection));
            if (rounds == 0) {
                return;
            }
            time(reports, "24 h (Tuesday to Friday)", new SummaryPeriod(END.minus(Duration.ofHours(24)), END), rounds);
            time(reports, "72 h (Monday)", new SummaryPeriod(END.minus(Duration.ofHours(72)), END), rounds);
            time(reports, "30 days (every alert)", new SummaryPeriod(END.minus(SPREAD), END), rounds);
            connection.destroy();
        } finally {
            dropUnlessKept(dataSource, schema);
        }
    }

    private static void dropUnlessKept(DriverManagerDataSource dataSource, String schema) throws Exception {
        if (Boolean.getBoolean("keep")) {
            System.out.println("kept schema " + schema);
            return;
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("drop schema " + schema + " cascade");
        }
    }

    private static void time(SummaryReports reports, String name, SummaryPeriod period, int rounds) {
        List<Double> ms = new ArrayList<>();
        SummaryReport report = null;
        for (int i = 0; i < rounds; i++) {
            long started = System.nanoTime();
            report = reports.report(period);
            ms.add((System.nanoTime() - started) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "%-26s %,9d alerts in period: min %7.0f ms, median %7.0f ms, max %7.0f ms (%d rounds)%n",
                name,
                report.totals().alerts(),
                ms.get(0),
                ms.get(ms.size() / 2),
                ms.get(ms.size() - 1),
                rounds);
    }

    private static void load(DriverManagerDataSource dataSource, int alerts) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        long spreadMillis = SPREAD.toMillis();
        Instant start = END.minus(SPREAD);
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            int batch = 50_000;
            for (int done = 0; done < alerts; done += batch) {
                StringBuilder alertRows = new StringBuilder(batch * 400);
                StringBuilder techniqueRows = new StringBuilder(batch * 40);
                for (int i = done; i < Math.min(alerts, done + batch); i++) {
                    UUID id = new UUID(0x5157L, i);
                    Instant received = start.plusMillis((long) i * spreadMillis / alerts);
                    String riskClass = CLASSES[random.nextInt(CLASSES.length)];
                    String status = STATUSES[random.nextInt(STATUSES.length)];
                    String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                    String techniques = "[]";
                    if (random.nextBoolean()) {
                        String[] t = TECHNIQUES[random.nextInt(TECHNIQUES.length)];
                        techniques = "[{\"id\":\"" + t[0] + "\",\"tactics\":[\"" + t[1] + "\"]}]";
                        techniqueRows
                                .append(id)
                                .append('\t')
                                .append(t[0])
                                .append('\t')
                                .append(t[0].split("\\.")[0])
                                .append('\n');
                    }
                    String entities = "{\"hosts\":[{\"name\":\"host-" + random.nextInt(500)
                            + "\"}],\"users\":[{\"name\":\"user" + random.nextInt(300)
                            + "\",\"domain\":\"CONTOSO\",\"privileged\":false}],\"network\":[],\"processes\":[],"
                            + "\"files\":[],\"urls\":[],\"domains\":[]}";
                    String acknowledged = status.equals("NEW") || status.equals("TRIAGED")
                            ? "\\N"
                            : received.plusSeconds(60 + random.nextInt(3600)).toString();
                    alertRows
                            .append(id)
                            .append("\tALERT\t")
                            .append(SOURCES[random.nextInt(SOURCES.length)])
                            .append('\t')
                            .append(received)
                            .append("\tBenchmark alert ")
                            .append(i)
                            .append('\t')
                            .append(SEVERITIES[random.nextInt(SEVERITIES.length)])
                            .append('\t')
                            .append(category == null ? "\\N" : category)
                            .append('\t')
                            .append(entities)
                            .append("\t{}\t")
                            .append(status)
                            .append('\t')
                            .append(
                                    riskClass != null && (riskClass.equals("HIGH") || riskClass.equals("CRITICAL"))
                                            ? "priority"
                                            : "standard")
                            .append('\t')
                            .append(riskClass == null ? "\\N" : Integer.toString(random.nextInt(100)))
                            .append('\t')
                            .append(riskClass == null ? "\\N" : riskClass)
                            .append('\t')
                            .append(techniques)
                            .append('\t')
                            .append(acknowledged)
                            .append('\n');
                }
                pg.getCopyAPI()
                        .copyIn(
                                "copy alert (id, kind, source, received_at, title, severity, category, entities, raw, status,"
                                        + " queue, risk_score, risk_class, techniques, acknowledged_at) from stdin",
                                new StringReader(alertRows.toString()));
                pg.getCopyAPI()
                        .copyIn(
                                "copy alert_technique (alert_id, technique_id, parent_id) from stdin",
                                new StringReader(techniqueRows.toString()));
            }
            try (Statement s = c.createStatement()) {
                s.execute("analyze alert");
                s.execute("analyze alert_technique");
                // The triggers filled the hourly counts as each COPY went in.
                s.execute("analyze summary_count");
            }
        }
    }
}
