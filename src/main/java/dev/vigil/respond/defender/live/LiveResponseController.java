package dev.vigil.respond.defender.live;

import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.respond.defender.DefenderApiError;
import dev.vigil.respond.defender.DefenderCalls;
import dev.vigil.respond.defender.DefenderEndpoint;
import dev.vigil.respond.defender.DefenderProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/defender/{tenant}/machines/{id}/live-response…}: start a session of library scripts, file puts
 * and file fetches on a device (202), read it with its results, download the files it fetched; and the tenant's
 * library. Sessions and their results can hold sensitive output, so reading them takes the same permission as
 * starting them; the library's names take only the read permission. Every call is audited.
 */
@RestController
@DefenderEndpoint
class LiveResponseController {

    private static final String BASE = "/api/v1/defender/{tenant}";
    private static final String SESSION = BASE + "/machines/{id}/live-response/{sessionId}";

    private final LiveResponse live;
    private final DefenderCalls calls;

    LiveResponseController(LiveResponse live, DefenderCalls calls) {
        this.live = live;
        this.calls = calls;
    }

    /** A command: {@code type} PutFile with {@code file}, RunScript with {@code script} (and {@code args}), GetFile with {@code path}. */
    record CommandBody(
            @Nullable String type,
            @Nullable String file,
            @Nullable String script,
            @Nullable String args,
            @Nullable String path) {}

    record SessionBody(@Nullable String comment, @Nullable List<CommandBody> commands) {}

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @PostMapping(BASE + "/machines/{id}/live-response")
    ResponseEntity<LiveSession> start(
            @PathVariable String tenant,
            @PathVariable String id,
            @RequestBody SessionBody body,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("comment", DefenderCalls.shortened(body.comment()));
        details.put("commands", DefenderCalls.shortened(summary(body.commands())));
        var outcome = calls.run(who, request, "defender.live-response.start", tenant, "machine:" + id, details, rid -> {
            LiveRequest asked = request(body);
            LiveSession session = live.start(tenant, id, asked, who.getName(), rid);
            details.put("session_id", session.id().toString());
            details.put("action_id", String.valueOf(session.actionId()));
            return session;
        });
        return outcome.status(HttpStatus.ACCEPTED);
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @GetMapping(SESSION)
    ResponseEntity<LiveSession> session(
            @PathVariable String tenant,
            @PathVariable String id,
            @PathVariable String sessionId,
            Authentication who,
            HttpServletRequest request) {
        var outcome = calls.run(
                who,
                request,
                "defender.live-response.get",
                tenant,
                "live-response:" + sessionId,
                Map.of("machine", id),
                rid -> live.session(tenant, id, sessionId(sessionId)));
        return outcome.ok();
    }

    @RequiresPermission(Permission.DEFENDER_RESPOND)
    @GetMapping(SESSION + "/files/{index}")
    ResponseEntity<byte[]> file(
            @PathVariable String tenant,
            @PathVariable String id,
            @PathVariable String sessionId,
            @PathVariable int index,
            Authentication who,
            HttpServletRequest request) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("machine", id);
        details.put("index", Integer.toString(index));
        var outcome = calls.run(
                who, request, "defender.live-response.file", tenant, "live-response:" + sessionId, details, rid -> {
                    LiveSessions.FileBytes file = live.file(tenant, id, sessionId(sessionId), index);
                    details.put("sha256", file.sha256());
                    details.put("size", Integer.toString(file.content().length));
                    return file;
                });
        LiveSessions.FileBytes file = outcome.value();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.name())
                                .build()
                                .toString())
                .header("X-Content-SHA256", file.sha256())
                .header(DefenderProblems.REQUEST_ID, outcome.requestId())
                .body(file.content());
    }

    @RequiresPermission(Permission.DEFENDER_READ)
    @GetMapping(BASE + "/live-response/library")
    ResponseEntity<List<DefenderLiveResponse.LibraryFile>> library(
            @PathVariable String tenant, Authentication who, HttpServletRequest request) {
        var outcome = calls.run(
                who,
                request,
                "defender.live-response.library",
                tenant,
                "defender:" + tenant,
                new LinkedHashMap<>(),
                rid -> live.library(tenant, rid));
        return outcome.ok();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooMany(TooManySessions e, HttpServletRequest request) {
        ProblemDetail problem = DefenderProblems.problem(
                HttpStatus.TOO_MANY_REQUESTS,
                "defender-live-response-limit",
                "Live-response limit reached",
                e.getMessage(),
                request);
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem);
    }

    @ExceptionHandler
    ProblemDetail busy(MachineBusy e, HttpServletRequest request) {
        return DefenderProblems.problem(
                HttpStatus.CONFLICT, "defender-live-response-busy", "Device busy", e.getMessage(), request);
    }

    /** Defender's 400 to a session is about what the caller asked (a script not in the library, say). */
    @ExceptionHandler
    ProblemDetail defenderRefused(DefenderApiError e, HttpServletRequest request) {
        return DefenderProblems.refused(e, request, true);
    }

    @ExceptionHandler
    ProblemDetail unreadable(UnreadableAnswer e, HttpServletRequest request) {
        return DefenderProblems.problem(
                HttpStatus.BAD_GATEWAY,
                "defender-malformed-response",
                "Defender answered something unreadable",
                e.getMessage(),
                request);
    }

    @ExceptionHandler
    ProblemDetail badArgument(IllegalArgumentException e, HttpServletRequest request) {
        return DefenderProblems.problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage(), request);
    }

    private static LiveRequest request(SessionBody body) {
        if (body.commands() == null || body.commands().size() > LiveRequest.MAX_COMMANDS) {
            throw new IllegalArgumentException("'commands' must hold 1 to " + LiveRequest.MAX_COMMANDS + " commands");
        }
        List<LiveCommand> commands = new ArrayList<>();
        for (int i = 0; i < body.commands().size(); i++) {
            CommandBody c = body.commands().get(i);
            if (c == null) {
                throw new IllegalArgumentException("command " + i + " is empty");
            }
            try {
                commands.add(LiveCommand.of(c.type(), c.file(), c.script(), c.args(), c.path()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("command " + i + ": " + e.getMessage());
            }
        }
        return new LiveRequest(body.comment() == null ? "" : body.comment(), commands);
    }

    private static UUID sessionId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'sessionId' must be a live-response session id (a UUID)");
        }
    }

    /** The commands for the audit log: type and target, e.g. {@code RunScript minidump.ps1; GetFile C:\x}. */
    private static String summary(@Nullable List<CommandBody> commands) {
        if (commands == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (CommandBody c : commands) {
            if (c != null) {
                String target = c.script() != null ? c.script() : c.file() != null ? c.file() : c.path();
                parts.add(c.type() + " " + target);
            }
        }
        return String.join("; ", parts);
    }
}
