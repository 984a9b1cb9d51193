package dev.vigil.alert.store;

import dev.vigil.alert.AlertQuery;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Builds the SQL of an alert search from its filters; every value is a bind parameter, never text. */
record AlertSearchSql(String text, Object[] arguments) {

    static AlertSearchSql of(AlertQuery query) {
        StringBuilder sql = new StringBuilder("select * from alert where true");
        List<Object> args = new ArrayList<>();
        in(sql, args, "kind", query.kinds(), Enum::name);
        in(sql, args, "severity", query.severities(), Enum::name);
        in(sql, args, "risk_class", query.classes(), Enum::name);
        in(sql, args, "status", query.statuses(), Enum::name);
        in(sql, args, "source", query.sources(), f -> f.id());
        if (query.since() != null) {
            sql.append(" and received_at >= ?");
            args.add(Timestamp.from(query.since()));
        }
        if (query.until() != null) {
            sql.append(" and received_at < ?");
            args.add(Timestamp.from(query.until()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            sql.append(" and (title ilike ? escape '\\' or description ilike ? escape '\\')");
            String pattern = "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%";
            args.add(pattern);
            args.add(pattern);
        }
        if (query.technique() != null) {
            sql.append(" and exists (select 1 from alert_technique t where t.alert_id = alert.id"
                    + " and (t.technique_id = ? or t.parent_id = ?))");
            args.add(query.technique());
            args.add(query.technique());
        }
        if (query.after() != null) {
            sql.append(" and id < ?");
            args.add(query.after().value());
        }
        // One row more than asked tells whether there is a next page.
        sql.append(" order by id desc limit ?");
        args.add(query.limit() + 1);
        return new AlertSearchSql(sql.toString(), args.toArray());
    }

    private static <T> void in(
            StringBuilder sql, List<Object> args, String column, Collection<T> values, Function<T, String> name) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" and ").append(column).append(" in (");
        sql.append(String.join(", ", values.stream().map(v -> "?").toList()));
        sql.append(')');
        values.forEach(v -> args.add(name.apply(v)));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
