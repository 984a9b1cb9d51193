package dev.vigil.respond.defender.approval;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.defender.approvals.*}: which destructive operations wait for a second person ({@code isolate},
 * {@code stop-and-quarantine}, {@code offboard}, {@code indicators-bulk-block}, {@code rule-delete}); offboarding
 * by default, since a device offboarded by mistake stops reporting until someone re-onboards it by hand. A
 * request not decided within {@code ttl} expires.
 */
@ConfigurationProperties("vigil.defender.approvals")
public record ApprovalProperties(
        @DefaultValue("offboard") Set<String> required,
        @DefaultValue("24h") Duration ttl) {

    public ApprovalProperties {
        required = Set.copyOf(required);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("vigil.defender.approvals.ttl must be positive");
        }
    }
}
