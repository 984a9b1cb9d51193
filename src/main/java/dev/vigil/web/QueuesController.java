package dev.vigil.web;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.alert.QueueStats;
import dev.vigil.alert.WorkQueue;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/queues}: depth, oldest age and processed count of each work queue. */
@RestController
class QueuesController {

    private final WorkQueue queue;

    QueuesController(WorkQueue queue) {
        this.queue = queue;
    }

    @RequiresPermission(Permission.QUEUES_READ)
    @GetMapping("/api/v1/queues")
    List<QueueView> queues() {
        return queue.stats().stream().map(QueueView::of).toList();
    }

    /** One queue's figures; the oldest age is in seconds. */
    record QueueView(String queue, long depth, @Nullable Double oldestAgeSeconds, long processed) {
        static QueueView of(QueueStats stats) {
            return new QueueView(
                    stats.queue().id(),
                    stats.depth(),
                    stats.oldestAge() == null ? null : stats.oldestAge().toMillis() / 1000.0,
                    stats.processed());
        }
    }
}
