package dev.vigil.notify.interaction;

import dev.vigil.access.AuditLog;
import dev.vigil.access.PublicEndpoint;
import dev.vigil.access.Users;
import dev.vigil.alert.AlertStore;
import dev.vigil.notify.SlackButtonHandler;
import dev.vigil.notify.slack.AlertMessage;
import dev.vigil.notify.slack.SlackProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /slack/interactions}, Slack's Interactivity Request URL. The signature is checked on the raw
 * body before anything else is read from it; a verified click is answered 200 at once (Slack gives three
 * seconds) and carried out afterwards by {@link ClickWorkers}, which answers through the click's
 * {@code response_url}. Without a signing secret the endpoint is off and says so (404): Vigil cannot tell
 * Slack's requests from anyone's, and nothing a caller does would change that, so it is not "unavailable".
 */
@RestController
class SlackInteractionsController {

    static final String PATH = "/slack/interactions";
    /** Slack's payload carries the whole message clicked on; ours stay far below this. */
    static final int MAX_BODY = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SlackInteractionsController.class);
    private static final String TYPES = "urn:vigil:problem:";

    private final @Nullable SlackSignature signature;
    private final InteractionPayloads payloads;
    private final ButtonClicks clicks;
    private final ClickWorkers workers;

    SlackInteractionsController(
            SlackProperties slack,
            JsonMapper json,
            Users users,
            AlertStore alerts,
            AuditLog audit,
            AlertMessage messages,
            PlatformTransactionManager transactions,
            ClickWorkers workers,
            ObjectProvider<SlackButtonHandler> handlers) {
        this.signature = slack.hasSigningSecret() ? new SlackSignature(slack.signingSecret(), Clock.systemUTC()) : null;
        this.payloads = new InteractionPayloads(json);
        this.clicks = new ButtonClicks(
                new SlackClickers(users, slack.users()),
                alerts,
                audit,
                messages,
                new ResponseUrls(slack.responseUrlPrefix(), slack.timeout(), json),
                new TransactionTemplate(transactions),
                handlers.orderedStream().toList());
        this.workers = workers;
    }

    @PublicEndpoint(because = "Slack request signature (v0 HMAC-SHA256 with the signing secret), checked first")
    @PostMapping(PATH)
    ResponseEntity<?> interaction(HttpServletRequest request) throws IOException {
        if (signature == null) {
            return problem(
                    HttpStatus.NOT_FOUND,
                    "slack-interactivity-off",
                    "Slack interactivity is off",
                    "this Vigil has no Slack signing secret (vigil.slack.signing-secret), so it accepts no"
                            + " Slack interactions");
        }
        // The raw bytes, read here: request.getParameter() would consume the body and re-encoding it would
        // not give back the bytes Slack signed.
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return problem(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "too-large",
                    "Request too large",
                    "a Slack interaction has at most " + MAX_BODY + " bytes");
        }
        SlackSignature.Verdict verdict = signature.verify(
                request.getHeader("X-Slack-Request-Timestamp"), request.getHeader("X-Slack-Signature"), body);
        if (verdict != SlackSignature.Verdict.VALID) {
            return problem(HttpStatus.UNAUTHORIZED, "bad-signature", "Unauthenticated", because(verdict));
        }
        Optional<ButtonClick> click;
        try {
            click = payloads.read(body);
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage());
        }
        if (click.isPresent()) {
            try {
                workers.execute(() -> run(click.get()));
            } catch (RejectedExecutionException e) {
                // Slack shows the clicker an error; better than taking a click Vigil will never carry out.
                return problem(
                        HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy", "too many Slack clicks waiting; try again");
            }
        }
        return ResponseEntity.ok().build();
    }

    private void run(ButtonClick click) {
        try {
            clicks.handle(click);
        } catch (RuntimeException e) {
            log.error("A Slack click could not be carried out", e);
        }
    }

    private static String because(SlackSignature.Verdict verdict) {
        return switch (verdict) {
            case MISSING_HEADERS -> "X-Slack-Request-Timestamp and X-Slack-Signature are required";
            case STALE -> "the request timestamp is more than 5 minutes from now";
            default -> "the Slack signature does not match";
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
