package dev.vigil.access.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void everyItemIsWrittenOnceAndBeforeItsSubmitterReturns() throws Exception {
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        GroupCommit<Integer> commit = new GroupCommit<>(
                items -> {
                    batches.incrementAndGet();
                    sleep(2);
                    written.addAll(items);
                    writes.addAndGet(items.size());
                },
                50);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int item = i;
                done.add(pool.submit(() -> {
                    commit.submit(item);
                    assertThat(written).contains(item);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(written).hasSize(2_000);
        assertThat(writes.get()).as("each item written once").isEqualTo(2_000);
        assertThat(batches.get()).as("items share batches").isLessThan(2_000);
    }

    @Test
    void aFailedBatchFailsEverySubmitterInIt() throws Exception {
        CountDownLatch firstIsWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String> commit = new GroupCommit<>(
                items -> {
                    if (items.contains("first")) {
                        firstIsWriting.countDown();
                        await(release);
                        return;
                    }
                    throw new IllegalStateException("database down");
                },
                10);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> first = pool.submit(() -> commit.submit("first"));
            firstIsWriting.await();
            Future<?> second = pool.submit(() -> commit.submit("second"));
            Future<?> third = pool.submit(() -> commit.submit("third"));
            sleep(100);
            release.countDown();
            first.get();
            for (Future<?> f : List.of(second, third)) {
                assertThatThrownBy(f::get).hasRootCauseInstanceOf(IllegalStateException.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
