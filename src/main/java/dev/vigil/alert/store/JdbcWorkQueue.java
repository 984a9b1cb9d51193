package dev.vigil.alert.store;

import dev.vigil.alert.Alert;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.AlertTechnique;
import dev.vigil.alert.AlertsTriaged;
import dev.vigil.alert.Queue;
import dev.vigil.alert.QueueStats;
import dev.vigil.alert.StoredAlert;
import dev.vigil.alert.TriageResult;
import dev.vigil.alert.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The work queues as a PostgreSQL table, taken with {@code FOR UPDATE SKIP LOCKED}. */
@Repository
class JdbcWorkQueue implements WorkQueue {

    private static final Logger log = LoggerFactory.getLogger(JdbcWorkQueue.class);

    /** After this many failed attempts an item moves to the {@code failed} queue instead of blocking its queue. */
    static final int MAX_ATTEMPTS = 5;

    private static final String CLAIM = """
            select w.id as work_id, w.attempts, a.*
            from work_item w join alert a on a.id = w.alert_id
            where w.queue = ?
            order by w.id
            limit ?
            for update of w skip locked""";
    private static final String STORE_TRIAGE = """
            update alert set risk_score = ?, risk_class = ?, queue = ?, score_factors = ?::jsonb,
                   damage_score = ?, techniques = ?::jsonb,
                   status = case when status = 'NEW' then 'TRIAGED' else status end,
                   triaged_at = now(), triage_runs = triage_runs + 1
            where id = ?""";

    private final JdbcTemplate jdbc;
    private final AlertRows rows;
    private final AlertStore store;
    private final ApplicationEventPublisher events;

    JdbcWorkQueue(JdbcTemplate jdbc, AlertRows rows, AlertStore store, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.store = store;
        this.events = events;
    }

    @Override
    @Transactional
    public int process(Queue queue, int max, Function<Alert, TriageResult> triage) {
        List<Claimed> claimed = jdbc.query(
                CLAIM,
                (rs, n) -> new Claimed(rs.getLong("work_id"), rs.getInt("attempts"), rows.mapRow(rs, n)),
                queue.id(),
                max);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Object[]> results = new ArrayList<>(claimed.size());
        List<Object[]> techniques = new ArrayList<>();
        List<Object[]> done = new ArrayList<>(claimed.size());
        List<Alert> raised = new ArrayList<>();
        List<AlertsTriaged.Triaged> triaged = new ArrayList<>(claimed.size());
        for (Claimed item : claimed) {
            try {
                TriageResult result = triage.apply(item.alert().alert());
                results.add(new Object[] {
                    result.riskScore(),
                    result.riskClass().name(),
                    result.queue().id(),
                    rows.factorsJson(result.factors()),
                    result.damageScore(),
                    rows.techniquesJson(result.techniques()),
                    item.alert().alert().id().value()
                });
                done.add(new Object[] {item.workId()});
                raised.addAll(result.raised());
                triaged.add(new AlertsTriaged.Triaged(item.alert().alert(), result));
                for (AlertTechnique technique : result.techniques()) {
                    techniques.add(
                            new Object[] {item.alert().alert().id().value(), technique.id(), technique.parent()});
                }
            } catch (RuntimeException e) {
                fail(item, e);
            }
        }
        jdbc.batchUpdate(STORE_TRIAGE, results);
        if (!techniques.isEmpty()) {
            jdbc.batchUpdate(
                    "insert into alert_technique (alert_id, technique_id, parent_id) values (?, ?, ?) on conflict do nothing",
                    techniques);
        }
        if (!raised.isEmpty()) {
            // in this transaction: an event is marked triaged only together with the alerts it raised
            store.append(raised);
        }
        jdbc.batchUpdate("delete from work_item where id = ?", done);
        jdbc.update("update queue_stats set processed = processed + ? where queue = ?", done.size(), queue.id());
        if (!triaged.isEmpty()) {
            // in this transaction: what listeners record (the Slack outbox) commits with the triage
            events.publishEvent(new AlertsTriaged(triaged));
        }
        return claimed.size();
    }

    /** A failing alert must not block the queue: it is retried a few times, then parked in {@code failed}. */
    private void fail(Claimed item, RuntimeException e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean park = item.attempts() + 1 >= MAX_ATTEMPTS;
        log.warn(
                "triage of alert {} failed (attempt {}): {}",
                item.alert().alert().id(),
                item.attempts() + 1,
                reason);
        jdbc.update(
                "update work_item set attempts = attempts + 1, last_error = ?,"
                        + " queue = case when ? then 'failed' else queue end where id = ?",
                reason,
                park,
                item.workId());
    }

    @Override
    public List<QueueStats> stats() {
        return jdbc
                .query("""
                select s.queue, s.processed, count(w.id) as depth, extract(epoch from now() - min(w.enqueued_at)) as oldest
                from queue_stats s left join work_item w on w.queue = s.queue
                group by s.queue, s.processed order by s.queue""", (rs, n) -> {
                    double oldest = rs.getDouble("oldest");
                    Duration age = rs.wasNull() ? null : Duration.ofMillis((long) (oldest * 1000));
                    String name = rs.getString("queue");
                    return name.equals("failed")
                            ? null
                            : new QueueStats(
                                    Queue.valueOf(name.toUpperCase(Locale.ROOT)),
                                    rs.getLong("depth"),
                                    age,
                                    rs.getLong("processed"));
                })
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    private record Claimed(long workId, int attempts, StoredAlert alert) {}
}
