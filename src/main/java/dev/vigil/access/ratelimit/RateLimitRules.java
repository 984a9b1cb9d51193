package dev.vigil.access.ratelimit;

import dev.vigil.access.ratelimit.RateLimitProperties.Limit;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Chooses a request's bucket. Sensors (keys with the {@code ingest} scope) have one bucket for all they do;
 * posting alerts has a bucket of its own, so a busy analyst key cannot starve its ingest and the other way
 * round; everything else spends from the caller's bucket, sized by its role. Callers are told apart by
 * {@link Authentication#getName()} ({@code key:<uuid>}, {@code user:<name>}); unauthenticated requests by
 * their client IP.
 */
public final class RateLimitRules {

    static final String INGEST_PATH = "/api/v1/alerts";
    private static final String INGEST_SCOPE = "SCOPE_ingest";

    private final RateLimitProperties limits;

    public RateLimitRules(RateLimitProperties limits) {
        this.limits = limits;
    }

    public RateLimitBucket forRequest(@Nullable Authentication caller, String method, String path, String clientIp) {
        if (!isAuthenticated(caller)) {
            return forUnauthenticated(clientIp);
        }
        String name = caller.getName();
        if (has(caller, INGEST_SCOPE)) {
            return new RateLimitBucket("ingest-key|" + name, "ingest-key", limits.ingestKeys(), true);
        }
        if ("POST".equals(method) && INGEST_PATH.equals(path)) {
            return new RateLimitBucket("ingest|" + name, "ingest", limits.ingestEndpoint(), true);
        }
        if (has(caller, "ROLE_ADMIN")) {
            return bucket("admin", name, limits.roles().admin());
        }
        if (has(caller, "ROLE_ENGINEER")) {
            return bucket("engineer", name, limits.roles().engineer());
        }
        return bucket("analyst", name, limits.roles().analyst());
    }

    /** Requests without credentials and failed authentications share one bucket per client IP. */
    public RateLimitBucket forUnauthenticated(String clientIp) {
        return bucket("anonymous", "ip:" + clientIp, limits.anonymous());
    }

    private static RateLimitBucket bucket(String policy, String caller, Limit limit) {
        return new RateLimitBucket(policy + "|" + caller, policy, limit);
    }

    private static boolean isAuthenticated(@Nullable Authentication caller) {
        return caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken);
    }

    private static boolean has(Authentication caller, String authority) {
        for (GrantedAuthority granted : caller.getAuthorities()) {
            if (authority.equals(granted.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
