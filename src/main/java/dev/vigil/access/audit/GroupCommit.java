package dev.vigil.access.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes items submitted by many threads in shared batches: whoever holds the writer's lock writes what
 * everyone has queued so far in one call, and each caller returns once its own item is written. Appends
 * to a hash chain are serial, and a commit waits for the disk, so one commit per entry would limit every
 * instance to a few hundred entries a second; batches carry many entries per commit, without a timer.
 */
final class GroupCommit<T> {

    private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final Consumer<List<T>> write;
    private final int maxBatch;

    GroupCommit(Consumer<List<T>> write, int maxBatch) {
        this.write = write;
        this.maxBatch = maxBatch;
    }

    /** Returns once {@code item} is written; throws what writing its batch threw. */
    void submit(T item) {
        Pending<T> mine = new Pending<>(item, new CompletableFuture<>());
        queue.add(mine);
        writer.lock();
        try {
            // A previous holder may have written it already; otherwise this thread writes for everyone.
            while (!mine.done().isDone()) {
                writeBatch();
            }
        } finally {
            writer.unlock();
        }
        try {
            mine.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void writeBatch() {
        List<Pending<T>> batch = new ArrayList<>();
        Pending<T> next;
        while (batch.size() < maxBatch && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            write.accept(batch.stream().map(Pending::item).toList());
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    private record Pending<T>(T item, CompletableFuture<Void> done) {}
}
