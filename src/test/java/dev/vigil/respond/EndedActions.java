package dev.vigil.respond;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/**
 * Every {@link DefenderActionEnded} the test's context publishes, in order, for tests of what Vigil announces
 * when a machine action ends. Add it to a test's context with {@code @Import(EndedActions.class)}.
 */
public class EndedActions {

    public final List<DefenderActionEnded> ended = new CopyOnWriteArrayList<>();

    @EventListener
    public void on(DefenderActionEnded event) {
        ended.add(event);
    }
}
