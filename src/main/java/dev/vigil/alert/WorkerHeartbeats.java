package dev.vigil.alert;

import java.time.Instant;
import java.util.List;

/** Where workers report that they are alive, so status can show stalled or missing ones. */
public interface WorkerHeartbeats {

    void beat(String workerId, String instance, long processed, Instant startedAt);

    List<WorkerHeartbeat> all();

    /** A worker that stopped cleanly leaves; one that died stays, shown as not alive. */
    void remove(String workerId);

    /** One worker's last report. */
    record WorkerHeartbeat(String workerId, String instance, Instant lastBeat, long processed, Instant startedAt) {}
}
