package dev.vigil.notify.outbox;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.notify.SlackDelivery;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications/dead}: the messages Slack refused for good, with its reason.
 * {@code POST …/dead/{id}/replay} and {@code POST …/dead/replay} (body {@code {"ids":[…]}} or
 * {@code {"all":true}}) put them back in the outbox once the cause is fixed.
 */
@RestController
class DeadLettersController {

    private static final int MAX_LIMIT = 1000;

    private final SlackDelivery delivery;

    DeadLettersController(SlackDelivery delivery) {
        this.delivery = delivery;
    }

    @RequiresPermission(Permission.NOTIFICATIONS_READ)
    @GetMapping("/api/v1/notifications/dead")
    List<SlackDelivery.DeadLetter> dead(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be between 1 and " + MAX_LIMIT);
        }
        return delivery.deadLetters(limit);
    }

    @RequiresPermission(Permission.NOTIFICATIONS_REPLAY)
    @PostMapping("/api/v1/notifications/dead/{id}/replay")
    Replayed replayOne(@PathVariable long id, Authentication caller) {
        List<Long> replayed = delivery.replay(List.of(id), caller.getName());
        if (replayed.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "No dead letter " + id + " waits for a replay");
            problem.setType(URI.create("urn:vigil:problem:not-found"));
            problem.setTitle("Not found");
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        }
        return new Replayed(replayed);
    }

    @RequiresPermission(Permission.NOTIFICATIONS_REPLAY)
    @PostMapping("/api/v1/notifications/dead/replay")
    Replayed replay(@RequestBody ReplayRequest request, Authentication caller) {
        boolean all = Boolean.TRUE.equals(request.all());
        boolean some = request.ids() != null && !request.ids().isEmpty();
        if (all == some) {
            throw new IllegalArgumentException("give either 'ids' (a non-empty list) or 'all': true");
        }
        return new Replayed(
                all ? delivery.replayAll(caller.getName()) : delivery.replay(request.ids(), caller.getName()));
    }

    record ReplayRequest(@Nullable List<Long> ids, @Nullable Boolean all) {}

    /** The dead letters put back in the outbox; ids unknown or replayed before are not among them. */
    record Replayed(List<Long> replayed) {}
}
