package dev.vigil.alert.store;

import dev.vigil.alert.WorkerHeartbeats;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Worker heartbeats in PostgreSQL, so every instance of a cluster sees every worker. */
@Repository
class JdbcWorkerHeartbeats implements WorkerHeartbeats {

    private final JdbcTemplate jdbc;

    JdbcWorkerHeartbeats(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beat(String workerId, String instance, long processed, Instant startedAt) {
        jdbc.update("""
                insert into worker_heartbeat (worker_id, instance, beat_at, started_at, processed)
                values (?, ?, now(), ?, ?)
                on conflict (worker_id) do update
                set beat_at = now(), instance = excluded.instance, started_at = excluded.started_at,
                    processed = excluded.processed""", workerId, instance, Timestamp.from(startedAt), processed);
    }

    @Override
    public List<WorkerHeartbeat> all() {
        return jdbc.query(
                "select * from worker_heartbeat order by worker_id",
                (rs, n) -> new WorkerHeartbeat(
                        rs.getString("worker_id"),
                        rs.getString("instance"),
                        rs.getTimestamp("beat_at").toInstant(),
                        rs.getLong("processed"),
                        rs.getTimestamp("started_at").toInstant()));
    }

    @Override
    public void remove(String workerId) {
        jdbc.update("delete from worker_heartbeat where worker_id = ?", workerId);
    }
}
