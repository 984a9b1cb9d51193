package dev.vigil.access.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads the audit log for people: filtered pages, newest first, and a streamed export in chain order. */
@Component
class AuditQueries {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    AuditQueries(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Up to {@code limit + 1} rows, newest first: the extra one says whether there is a next page. */
    List<AuditRow> page(AuditSearch search) {
        Where where = where(search);
        where.args.add(search.limit() + 1);
        return jdbc.query(
                "select " + AuditRows.COLUMNS + " from audit_log" + where.sql + " order by seq desc limit ?",
                (rs, n) -> AuditRows.read(rs),
                where.args.toArray());
    }

    /** Every matching row, oldest first, handed over one at a time from a cursor; paging filters are ignored. */
    void export(AuditSearch search, RowSink sink) {
        Where where = where(new AuditSearch(
                search.actor(),
                search.action(),
                search.outcome(),
                search.targetPrefix(),
                search.since(),
                search.until(),
                null,
                AuditSearch.MAX_LIMIT));
        readOnly.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement rows = connection.prepareStatement(
                    "select " + AuditRows.COLUMNS + " from audit_log" + where.sql + " order by seq")) {
                rows.setFetchSize(AuditChainVerifier.FETCH_SIZE);
                for (int i = 0; i < where.args.size(); i++) {
                    rows.setObject(i + 1, where.args.get(i));
                }
                try (ResultSet rs = rows.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(AuditRows.read(rs));
                    }
                }
            }
            return null;
        }));
    }

    private static Where where(AuditSearch search) {
        Where where = new Where();
        where.add("actor = ?", search.actor());
        where.add("action = ?", search.action());
        where.add("outcome = ?", search.outcome());
        if (search.targetPrefix() != null) {
            // left() rather than LIKE: no wildcard in a target can widen the match.
            where.add("left(target, ?) = ?", search.targetPrefix().length());
            where.args.add(search.targetPrefix());
        }
        if (search.since() != null) {
            where.add("at >= ?", OffsetDateTime.ofInstant(search.since(), ZoneOffset.UTC));
        }
        if (search.until() != null) {
            where.add("at < ?", OffsetDateTime.ofInstant(search.until(), ZoneOffset.UTC));
        }
        where.add("seq < ?", search.beforeSeq());
        return where;
    }

    /** Receives exported rows; may fail when the client has gone away. */
    @FunctionalInterface
    interface RowSink {
        void accept(AuditRow row) throws SQLException;
    }

    private static final class Where {
        String sql = "";
        final List<Object> args = new ArrayList<>();

        void add(String condition, @org.jspecify.annotations.Nullable Object value) {
            if (value == null) {
                return;
            }
            sql += (sql.isEmpty() ? " where " : " and ") + condition;
            args.add(value);
        }
    }
}
