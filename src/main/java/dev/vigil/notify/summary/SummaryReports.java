package dev.vigil.notify.summary;

import dev.vigil.alert.RiskClass;
import dev.vigil.alert.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Computes a {@link SummaryReport} in PostgreSQL: every figure is an aggregate over the period's rows
 * (found through {@code alert_received_at_idx}); no alert row is loaded into Java except the ten notable
 * ones.
 */
@Service
public class SummaryReports {

    static final String UNSCORED = "UNSCORED";
    private static final int TOP = 10;

    private final JdbcTemplate jdbc;

    public SummaryReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SummaryReport report(SummaryPeriod period) {
        Totals totals = totals(period);
        SummaryPeriod before = period.previous();
        Map<String, Long> previousByClass = classes();
        long[] previousTotal = {0};
        jdbc.query(
                """
                select coalesce(risk_class, 'UNSCORED') as risk_class, count(*) as n, grouping(coalesce(risk_class, 'UNSCORED')) as g
                  from alert
                 where kind = 'ALERT' and received_at >= ? and received_at < ?
                 group by grouping sets ((coalesce(risk_class, 'UNSCORED')), ())
                """,
                rs -> {
                    if (rs.getInt("g") == 1) {
                        previousTotal[0] = rs.getLong("n");
                    } else {
                        previousByClass.put(rs.getString("risk_class"), rs.getLong("n"));
                    }
                },
                Timestamp.from(before.from()),
                Timestamp.from(before.to()));
        Map<String, SummaryReport.Delta> classChange = new LinkedHashMap<>();
        totals.byClass.forEach((name, count) ->
                classChange.put(name, SummaryReport.Delta.between(previousByClass.getOrDefault(name, 0L), count)));
        return new SummaryReport(
                period.from(),
                period.to(),
                new SummaryReport.Totals(totals.alerts, totals.byClass, totals.bySeverity, totals.bySource),
                totals.categories,
                topTechniques(period),
                topEntities(period, "hosts", HOST_NAME),
                topEntities(period, "users", USER_NAME),
                notable(period),
                new SummaryReport.Acknowledgement(totals.acknowledged, totals.meanAckSeconds),
                new SummaryReport.FalsePositives(
                        totals.falsePositives,
                        totals.closed,
                        totals.closed == 0 ? null : (double) totals.falsePositives / totals.closed),
                new SummaryReport.Previous(before.from(), before.to(), previousTotal[0], previousByClass),
                new SummaryReport.Change(SummaryReport.Delta.between(previousTotal[0], totals.alerts), classChange));
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

        @org.jspecify.annotations.Nullable
        Double meanAckSeconds;

        final Map<String, Long> byClass = classes();
        final Map<String, Long> bySeverity = new LinkedHashMap<>();
        final Map<String, Long> bySource = new LinkedHashMap<>();
        final Map<String, Long> categories = new LinkedHashMap<>();

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

    /** One scan of the period: each grouping set fills one map, the empty set the overall figures. */
    private Totals totals(SummaryPeriod period) {
        Totals totals = new Totals();
        Map<String, Long> sources = new LinkedHashMap<>();
        jdbc.query(
                """
                select risk_class, severity, source, threat, count(*) as n,
                       count(*) filter (where status = 'FALSE_POSITIVE') as false_positives,
                       count(*) filter (where status in ('RESOLVED', 'FALSE_POSITIVE')) as closed,
                       count(acknowledged_at) as acknowledged,
                       extract(epoch from avg(acknowledged_at - received_at)) as mean_ack_seconds
                  from (select coalesce(risk_class, 'UNSCORED') as risk_class, severity, source, status,
                               received_at, acknowledged_at, %s as threat
                          from alert
                         where kind = 'ALERT' and received_at >= ? and received_at < ?) a
                 group by grouping sets ((risk_class), (severity), (source), (threat), ())
                 order by n desc, source
                """.formatted(categoryExpression()),
                rs -> {
                    long n = rs.getLong("n");
                    if (rs.getString("risk_class") != null) {
                        totals.byClass.put(rs.getString("risk_class"), n);
                    } else if (rs.getString("severity") != null) {
                        totals.bySeverity.put(rs.getString("severity"), n);
                    } else if (rs.getString("source") != null) {
                        sources.put(rs.getString("source"), n);
                    } else if (rs.getString("threat") != null) {
                        totals.categories.put(rs.getString("threat"), n);
                    } else {
                        totals.alerts = n;
                        totals.falsePositives = rs.getLong("false_positives");
                        totals.closed = rs.getLong("closed");
                        totals.acknowledged = rs.getLong("acknowledged");
                        double mean = rs.getDouble("mean_ack_seconds");
                        totals.meanAckSeconds = rs.wasNull() ? null : mean;
                    }
                },
                Timestamp.from(period.from()),
                Timestamp.from(period.to()));
        totals.bySource.putAll(sources);
        return totals;
    }

    /**
     * From the period's own rows: joining alert_technique read all of that table (every period's techniques)
     * and took about twice as long over a million alerts.
     */
    private List<SummaryReport.Ranked> topTechniques(SummaryPeriod period) {
        return jdbc.query("""
                select t ->> 'id' as name, count(*) as n
                  from alert a cross join lateral jsonb_array_elements(a.techniques) t
                 where a.kind = 'ALERT' and a.received_at >= ? and a.received_at < ?
                 group by 1
                 order by n desc, name
                 limit ?
                """, SummaryReports::ranked, Timestamp.from(period.from()), Timestamp.from(period.to()), TOP);
    }

    private static final String HOST_NAME = "coalesce(e->>'name', e->>'ip', e->>'defenderDeviceId')";
    private static final String USER_NAME =
            "case when e->>'name' is null then e->>'sid' when e->>'domain' is null then e->>'name' "
                    + "else (e->>'domain') || '\\' || (e->>'name') end";

    private List<SummaryReport.Ranked> topEntities(SummaryPeriod period, String kind, String nameExpression) {
        return jdbc.query(
                """
                select %s as name, count(*) as n
                  from alert a cross join lateral jsonb_array_elements(a.entities -> '%s') e
                 where a.kind = 'ALERT' and a.received_at >= ? and a.received_at < ?
                 group by 1
                 order by n desc, name
                 limit ?
                """.formatted(nameExpression, kind),
                SummaryReports::ranked,
                Timestamp.from(period.from()),
                Timestamp.from(period.to()),
                TOP);
    }

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

    private static SummaryReport.Ranked ranked(ResultSet rs, int row) throws SQLException {
        return new SummaryReport.Ranked(rs.getString("name"), rs.getLong("n"));
    }
}
