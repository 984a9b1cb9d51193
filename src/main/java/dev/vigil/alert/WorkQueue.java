package dev.vigil.alert;

import java.util.List;
import java.util.function.Function;

/**
 * The priority and standard work queues. Work is taken with {@code FOR UPDATE SKIP LOCKED}, so several
 * workers and several Vigil instances share it without taking the same item twice.
 */
public interface WorkQueue {

    /**
     * Takes up to {@code max} waiting alerts from {@code queue}, triages each with {@code triage}, stores the
     * results and removes the items, in one transaction. If the process dies meanwhile, the transaction rolls
     * back and the items wait for the next worker; an alert is never recorded as triaged twice.
     *
     * @return how many alerts were processed
     */
    int process(Queue queue, int max, Function<Alert, TriageResult> triage);

    List<QueueStats> stats();
}
