package dev.vigil.alert;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How a work queue stands: waiting items, the age of the oldest, and how many were processed in all. */
public record QueueStats(Queue queue, long depth, @Nullable Duration oldestAge, long processed) {}
