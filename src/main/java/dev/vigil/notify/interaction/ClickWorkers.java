package dev.vigil.notify.interaction;

import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The few threads that carry out clicks after Slack has had its answer. Deliberately not an
 * {@code Executor} bean: one of those would stand in for Spring Boot's application task executor.
 */
@Component
final class ClickWorkers implements DisposableBean {

    /** Clicks come from people: a handful at once is a busy SOC. */
    private static final int THREADS = 2;

    private static final int QUEUED = 500;

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    ClickWorkers() {
        executor.setThreadNamePrefix("slack-click-");
        executor.setCorePoolSize(THREADS);
        executor.setMaxPoolSize(THREADS);
        executor.setQueueCapacity(QUEUED);
        // A click accepted is carried out: shutting down waits for those already taken.
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        executor.initialize();
    }

    /** @throws RejectedExecutionException when the queue is full */
    void execute(Runnable work) {
        try {
            executor.execute(work);
        } catch (TaskRejectedException e) {
            throw new RejectedExecutionException("slack click queue full", e);
        }
    }

    @Override
    public void destroy() {
        executor.destroy();
    }
}
