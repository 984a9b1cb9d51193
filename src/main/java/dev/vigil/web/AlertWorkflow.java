package dev.vigil.web;

import dev.vigil.access.Actor;
import dev.vigil.access.AuditEntry;
import dev.vigil.access.AuditLog;
import dev.vigil.access.AuditOutcome;
import dev.vigil.access.Users;
import dev.vigil.alert.AlertId;
import dev.vigil.alert.AlertNotFound;
import dev.vigil.alert.AlertStatus;
import dev.vigil.alert.AlertStore;
import dev.vigil.alert.StoredAlert;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to an alert's status and assignee made over the API, each audited ({@code alert.update}, with what
 * it was before) in the transaction of the change, so the log and the alert never disagree.
 */
@Service
class AlertWorkflow {

    private final AlertStore store;
    private final Users users;
    private final AuditLog audit;

    AlertWorkflow(AlertStore store, Users users, AuditLog audit) {
        this.store = store;
        this.users = users;
        this.audit = audit;
    }

    /**
     * @param assignee a Vigil user name, "" for nobody, null to leave it
     * @throws AlertNotFound @throws IllegalArgumentException for an assignee who is no user
     */
    @Transactional
    StoredAlert update(Actor actor, AlertId id, @Nullable AlertStatus status, @Nullable String assignee) {
        StoredAlert before = store.find(id).orElseThrow(() -> AlertNotFound.forId(id.toString()));
        StoredAlert after = before;
        Map<String, String> details = new LinkedHashMap<>();
        if (status != null) {
            after = store.changeStatus(id, status);
            details.put("status", before.status() + " -> " + status);
        }
        if (assignee != null) {
            String name = assignee.isBlank() ? null : userName(assignee);
            after = store.assign(id, name);
            details.put("assignee", orNobody(before.assignee()) + " -> " + orNobody(name));
        }
        audit.record(new AuditEntry(
                actor.name(),
                "alert.update",
                "alert:" + id,
                AuditOutcome.SUCCESS,
                actor.ip(),
                actor.userAgent(),
                details));
        return after;
    }

    private String userName(String assignee) {
        return users.findByName(assignee)
                .orElseThrow(() -> new IllegalArgumentException("assignee: no user named " + Texts.clip(assignee)))
                .name();
    }

    private static String orNobody(@Nullable String name) {
        return name == null ? "(nobody)" : name;
    }
}
