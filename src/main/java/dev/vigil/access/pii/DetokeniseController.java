package dev.vigil.access.pii;

import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import dev.vigil.access.Permission;
import dev.vigil.access.PiiField;
import dev.vigil.access.PiiMappingUnreadable;
import dev.vigil.access.PiiVault;
import dev.vigil.access.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/pii/detokenise}: turns pseudonyms back into the values they stand for. Every token
 * asked for is audited ({@code pii.detokenise}, the token as target, never the value), before any value
 * is returned: no audit entry, no answer.
 */
@RestController
class DetokeniseController {

    static final int MAX_TOKENS = 100;
    private static final int MAX_USER_AGENT = 256;

    private final PiiVault vault;
    private final AuditLog audit;

    DetokeniseController(PiiVault vault, AuditLog audit) {
        this.vault = vault;
        this.audit = audit;
    }

    record DetokeniseRequest(@Nullable List<String> tokens) {}

    record Detokenised(Map<String, String> values, List<String> unknown) {}

    @PostMapping("/api/v1/pii/detokenise")
    @RequiresPermission(Permission.PII_DETOKENISE)
    Detokenised detokenise(@RequestBody DetokeniseRequest body, Authentication caller, HttpServletRequest request) {
        List<String> tokens = validated(body.tokens());
        Map<String, String> values = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String token : new LinkedHashSet<>(tokens)) {
            Optional<String> value;
            try {
                value = vault.detokenise(token);
            } catch (PiiMappingUnreadable e) {
                audit.record(entry(caller, request, token, AuditOutcome.FAILURE, "mapping unreadable"));
                throw e;
            }
            if (value.isPresent()) {
                audit.record(entry(caller, request, token, AuditOutcome.SUCCESS, null));
                values.put(token, value.get());
            } else {
                audit.record(entry(caller, request, token, AuditOutcome.FAILURE, "unknown token"));
                unknown.add(token);
            }
        }
        return new Detokenised(values, unknown);
    }

    private static List<String> validated(@Nullable List<String> tokens) {
        if (tokens == null || tokens.isEmpty()) {
            throw new BadTokens("'tokens' must list 1-" + MAX_TOKENS + " tokens");
        }
        if (tokens.size() > MAX_TOKENS) {
            throw new BadTokens("at most " + MAX_TOKENS + " tokens per request, not " + tokens.size());
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token == null || !PiiField.isToken(token)) {
                throw new BadTokens(
                        "tokens[" + i + "] is not a pseudonym such as USER-" + "0".repeat(PiiField.TOKEN_CHARS));
            }
        }
        return tokens;
    }

    private static AuditEntry entry(
            Authentication caller,
            HttpServletRequest request,
            String token,
            AuditOutcome outcome,
            @Nullable String reason) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new AuditEntry(
                caller.getName(),
                "pii.detokenise",
                token,
                outcome,
                request.getRemoteAddr(),
                agent,
                reason == null ? Map.of() : Map.of("reason", reason));
    }

    /** A request whose token list is missing, too long, or holds something that is no token. */
    static final class BadTokens extends RuntimeException {
        BadTokens(String message) {
            super(message);
        }
    }

    @ExceptionHandler
    ProblemDetail badTokens(BadTokens e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unreadable(PiiMappingUnreadable e) {
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "pii-mapping-unreadable", "PII mapping unreadable", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:vigil:problem:" + type));
        problem.setTitle(title);
        return problem;
    }
}
