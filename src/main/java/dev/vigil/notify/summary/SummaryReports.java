package dev.vigil.notify.summary;

import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Computes a {@link SummaryReport} in PostgreSQL. Every figure but the notable alerts is a sum of {@code
 * summary_facts}: read from the hourly {@code summary_count} rows for the whole UTC hours of the period, and
 * computed from the alerts themselves for the minutes at either end (V11 defines both, and keeps the counts
 * in step with the alerts). A report over 30 days thus adds up some hundred thousand small rows instead of
 * unnesting the JSON of a million alerts. No alert row is loaded into Java except the ten notable ones.
 */
@Service
public class SummaryReports {

    static final String UNSCORED = "UNSCORED";
    private static final int TOP = 10;

    /**
     * Sums of the period's facts per dimension and value; of the ranked dimensions only the top ten, ordered
     * by count then name as the lists are shown. Parameters: the whole hours, then the two partial ends.
     */
    private static final String FACTS = """
            select dimension, value, n, seconds
              from (select dimension, value, sum(alerts) as n, sum(seconds) as seconds,
                           row_number() over (partition by dimension order by sum(alerts) desc, value) as rank
                      from (select dimension, value, alerts, seconds
                              from summary_count
                             where hour >= ? and hour < ? and %2$s
                            union all
                            select f.dimension, f.value, f.alerts, f.seconds
                              from alert a cross join lateral summary_facts(a) f
                             where a.kind = 'ALERT' and f.%2$s
                               and ((a.received_at >= ? and a.received_at < ?)
                                    or (a.received_at >= ? and a.received_at < ?))) facts
                     group by dimension, value
                    having sum(alerts) <> 0) sums
             where rank <= %1$d or dimension not in ('technique', 'host', 'user')
             order by dimension, n desc, value
            """;

    /** All the figures; for the previous period only what the change figures need. */
    private static final String ALL_FACTS = FACTS.formatted(TOP, "dimension is not null");

    private static final String TOTAL_AND_CLASS = FACTS.formatted(TOP, "dimension in ('total', 'class')");

    private final JdbcTemplate jdbc;

    public SummaryReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SummaryReport report(SummaryPeriod period) {
        Totals totals = totals(period, ALL_FACTS);
        SummaryPeriod before = period.previous();
        Totals previous = totals(before, TOTAL_AND_CLASS);
        Map<String, SummaryReport.Delta> classChange = new LinkedHashMap<>();
        totals.byClass.forEach((name, count) ->
                classChange.put(name, SummaryReport.Delta.between(previous.byClass.getOrDefault(name, 0L), count)));
        return new SummaryReport(
                period.from(),
                period.to(),
                new SummaryReport.Totals(totals.alerts, totals.byClass, totals.bySeverity, totals.bySource),
                totals.categories,
                totals.techniques,
                totals.hosts,
                totals.users,
                notable(period),
                new SummaryReport.Acknowledgement(
                        totals.acknowledged,
                        totals.acknowledged == 0 ? null : meanSeconds(totals.acknowledgedSeconds, totals.acknowledged)),
                new SummaryReport.FalsePositives(
                        totals.falsePositives,
                        totals.closed,
                        totals.closed == 0 ? null : (double) totals.falsePositives / totals.closed),
                new SummaryReport.Previous(before.from(), before.to(), previous.alerts, previous.byClass),
                new SummaryReport.Change(SummaryReport.Delta.between(previous.alerts, totals.alerts), classChange));
    }

    /** The CASE expression that puts an alert in its {@link ThreatCategory}, from the enum's table. */
    static String categoryExpression() {
        StringBuilder sql = new StringBuilder("case");
        for (ThreatCategory category : ThreatCategory.values()) {
            List<String> tests = new java.util.ArrayList<>();
            for (String tactic : category.tactics()) {
                tests.add("techniques @> '[{\"tactics\":[\"" + literal(tactic) + "\"]}]'::jsonb");
            }
            if (category.sourcePattern() != null) {
                tests.add("category ~* '" + literal(category.sourcePattern()) + "'");
            }
            if (!tests.isEmpty()) {
                sql.append(" when ")
                        .append(String.join(" or ", tests))
                        .append(" then '")
                        .append(category.id())
                        .append("'");
            }
        }
        return sql.append(" else '")
                .append(ThreatCategory.OTHER.id())
                .append("' end")
                .toString();
    }

    /** The table's constants are ours, but a quote in one must never change the statement. */
    private static String literal(String constant) {
        if (constant.contains("'")) {
            throw new IllegalStateException("a threat category constant contains a quote: " + constant);
        }
        return constant;
    }

    private static final class Totals {
        long alerts;
        long falsePositives;
        long closed;
        long acknowledged;
        double acknowledgedSeconds;

        final Map<String, Long> byClass = classes();
        final Map<String, Long> bySeverity = new LinkedHashMap<>();
        final Map<String, Long> bySource = new LinkedHashMap<>();
        final Map<String, Long> categories = new LinkedHashMap<>();
        final List<SummaryReport.Ranked> techniques = new ArrayList<>();
        final List<SummaryReport.Ranked> hosts = new ArrayList<>();
        final List<SummaryReport.Ranked> users = new ArrayList<>();

        Totals() {
            for (Severity severity : Severity.values()) {
                bySeverity.put(severity.name(), 0L);
            }
            for (ThreatCategory category : ThreatCategory.values()) {
                categories.put(category.id(), 0L);
            }
        }
    }

    private static Map<String, Long> classes() {
        Map<String, Long> byClass = new LinkedHashMap<>();
        for (RiskClass riskClass : RiskClass.values()) {
            byClass.put(riskClass.name(), 0L);
        }
        byClass.put(UNSCORED, 0L);
        return byClass;
    }

    /** The period's sums, each dimension filling its figure. */
    private Totals totals(SummaryPeriod period, String facts) {
        Instant wholeFrom = ceilHour(period.from());
        Instant wholeTo = floorHour(period.to());
        if (!wholeFrom.isBefore(wholeTo)) {
            // No whole hour inside: every minute from the alerts themselves.
            wholeFrom = period.to();
            wholeTo = period.to();
        }
        Totals totals = new Totals();
        jdbc.query(
                facts,
                rs -> {
                    String value = rs.getString("value");
                    long n = rs.getLong("n");
                    switch (rs.getString("dimension")) {
                        case "total" -> totals.alerts = n;
                        case "class" -> totals.byClass.put(value, n);
                        case "severity" -> totals.bySeverity.put(value, n);
                        case "source" -> totals.bySource.put(value, n);
                        case "threat" -> totals.categories.put(value, n);
                        case "closed" -> totals.closed = n;
                        case "false_positive" -> totals.falsePositives = n;
                        case "acknowledged" -> {
                            totals.acknowledged = n;
                            totals.acknowledgedSeconds = rs.getDouble("seconds");
                        }
                        case "technique" -> totals.techniques.add(new SummaryReport.Ranked(value, n));
                        case "host" -> totals.hosts.add(new SummaryReport.Ranked(value, n));
                        case "user" -> totals.users.add(new SummaryReport.Ranked(value, n));
                        default -> {
                            // A dimension a later migration adds before this code knows it.
                        }
                    }
                },
                Timestamp.from(wholeFrom),
                Timestamp.from(wholeTo),
                Timestamp.from(period.from()),
                Timestamp.from(wholeFrom),
                Timestamp.from(wholeTo),
                Timestamp.from(period.to()));
        return totals;
    }

    /** To the microsecond, as PostgreSQL's mean of intervals was (the figure this replaced). */
    static double meanSeconds(double seconds, long count) {
        return Math.round(seconds / count * 1e6) / 1e6;
    }

    static Instant floorHour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    static Instant ceilHour(Instant at) {
        Instant floor = floorHour(at);
        return floor.equals(at) ? at : floor.plus(1, ChronoUnit.HOURS);
    }

    /** Through alert_notable_idx (V11): read in this order, it stops at the tenth alert of the period. */
    private List<SummaryReport.Notable> notable(SummaryPeriod period) {
        return jdbc.query(
                """
                select id, title, risk_score, risk_class, severity, source, queue, received_at
                  from alert
                 where kind = 'ALERT' and received_at >= ? and received_at < ?
                 order by risk_score desc nulls last, (queue = 'priority') desc, received_at desc, id
                 limit ?
                """,
                (rs, row) -> new SummaryReport.Notable(
                        rs.getString("id"),
                        rs.getString("title"),
                        (Integer) rs.getObject("risk_score"),
                        rs.getString("risk_class"),
                        rs.getString("severity"),
                        rs.getString("source"),
                        rs.getString("queue"),
                        rs.getTimestamp("received_at").toInstant()),
                Timestamp.from(period.from()),
                Timestamp.from(period.to()),
                TOP);
    }
}
