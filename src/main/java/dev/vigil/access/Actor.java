package dev.vigil.access;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who makes an administrative change, for the audit log: {@code key:<uuid>} or {@code user:<name>} over
 * HTTP (with the client's address and user agent), {@code cli:<OS user>} from the command line.
 */
public record Actor(
        String name, @Nullable String ip, @Nullable String userAgent) {

    private static final int MAX_USER_AGENT = 256;

    public Actor {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }

    /** The person at this machine's shell, by their OS login. */
    public static Actor commandLine() {
        return new Actor("cli:" + System.getProperty("user.name", "unknown"), null, null);
    }

    AuditEntry did(String action, String target, Map<String, String> details) {
        return new AuditEntry(name, action, target, AuditOutcome.SUCCESS, ip, userAgent, details);
    }
}
