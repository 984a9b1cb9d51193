package dev.vigil.notify.outbox;

import java.time.Duration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Wakes the dispatcher when the outbox has new work, so a message need not wait for the next poll. */
final class DispatchSignal {

    private boolean signalled;

    synchronized void wake() {
        signalled = true;
        notifyAll();
    }

    /** Wakes the dispatcher once the caller's transaction commits (at once without one): the row is visible then. */
    void wakeAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }
        });
    }

    /** Waits until woken or {@code timeout} passes; a wake-up that came while nobody waited is not lost. */
    synchronized void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!signalled) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        signalled = false;
    }
}
