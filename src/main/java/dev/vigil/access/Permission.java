package dev.vigil.access;

import java.util.Locale;

/**
 * The permission matrix, in one place. Roles are ordered (analyst &lt; engineer &lt; admin): a permission
 * names the least role that holds it, and every role above holds it too. Every HTTP endpoint declares the
 * permission it needs with {@link RequiresPermission}; a test fails the build for an endpoint that does not.
 */
public enum Permission {
    /** Send alerts and events ({@code POST /api/v1/alerts}); what sensor keys with the ingest scope do. */
    ALERTS_INGEST(Role.ANALYST),
    ALERTS_READ(Role.ANALYST),
    /** Change an alert's status or assignee, give feedback. */
    ALERTS_TRIAGE(Role.ANALYST),
    INCIDENTS_READ(Role.ANALYST),
    QUEUES_READ(Role.ANALYST),
    STATUS_READ(Role.ANALYST),
    METRICS_READ(Role.ANALYST),
    REPORTS_READ(Role.ANALYST),
    REPORTS_SEND(Role.ENGINEER),
    NOTIFICATIONS_READ(Role.ENGINEER),
    NOTIFICATIONS_REPLAY(Role.ENGINEER),
    DEFENDER_READ(Role.ANALYST),
    DEFENDER_HUNT(Role.ANALYST),
    /** Device actions, indicators, incident updates, live response. */
    DEFENDER_RESPOND(Role.ENGINEER),
    /** Offboarding, deleting custom detection rules. */
    DEFENDER_ADMIN(Role.ADMIN),
    /** Turn PII pseudonyms back into the values they stand for. */
    PII_DETOKENISE(Role.ENGINEER),
    AUDIT_READ(Role.ADMIN),
    KEYS_MANAGE(Role.ADMIN),
    USERS_MANAGE(Role.ADMIN);

    private final Role minimum;

    Permission(Role minimum) {
        this.minimum = minimum;
    }

    public Role minimum() {
        return minimum;
    }

    public boolean grantedTo(Role role) {
        return role.compareTo(minimum) >= 0;
    }

    /** The Spring Security authority that stands for this permission, e.g. {@code PERM_alerts:read}. */
    public String authority() {
        return "PERM_" + id();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replaceFirst("_", ":").replace('_', '-');
    }
}
