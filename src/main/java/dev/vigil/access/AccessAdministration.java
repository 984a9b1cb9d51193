package dev.vigil.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to keys and users made by someone, each recorded in the audit log in the same transaction as the
 * change (key.create, key.revoke, user.create, user.update, user.disable, password.change). The HTTP API and
 * the command line both come through here, so neither can forget the audit entry. Never audited: a key's
 * value, a password or its hash.
 */
@Service
public class AccessAdministration {

    private final ApiKeys keys;
    private final Users users;
    private final AuditLog audit;

    AccessAdministration(ApiKeys keys, Users users, AuditLog audit) {
        this.keys = keys;
        this.users = users;
        this.audit = audit;
    }

    @Transactional
    public CreatedApiKey createKey(Actor actor, NewApiKey request) {
        CreatedApiKey created = keys.create(request);
        ApiKeyInfo info = created.info();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("name", info.name());
        details.put("role", info.role().id());
        if (info.userName() != null) {
            details.put("user", info.userName());
        }
        if (info.expiresAt() != null) {
            details.put("expires", info.expiresAt().toString());
        }
        if (!info.scopes().isEmpty()) {
            details.put(
                    "scopes", info.scopes().stream().map(KeyScope::id).sorted().collect(Collectors.joining(",")));
        }
        audit.record(actor.did("key.create", "key:" + info.id(), details));
        return created;
    }

    @Transactional
    public void revokeKey(Actor actor, UUID id) {
        keys.revoke(id);
        audit.record(actor.did("key.revoke", "key:" + id, Map.of()));
    }

    @Transactional
    public User createUser(Actor actor, String name, Role role, @Nullable String email, @Nullable String password) {
        User user = users.create(name, role, email, password);
        audit.record(actor.did(
                "user.create",
                "user:" + user.name(),
                Map.of("role", role.id(), "password", password == null ? "none" : "set")));
        return user;
    }

    /** Changes what is given (role, disabled); a null leaves it as it is. @throws UserNotFound */
    @Transactional
    public User updateUser(Actor actor, String name, @Nullable Role role, @Nullable Boolean disabled) {
        User user = users.findByName(name).orElseThrow(() -> UserNotFound.named(name));
        if (role != null && role != user.role()) {
            Role before = user.role();
            user = users.changeRole(user.name(), role);
            audit.record(
                    actor.did("user.update", "user:" + user.name(), Map.of("role", before.id() + " -> " + role.id())));
        }
        if (Boolean.TRUE.equals(disabled) && user.enabled()) {
            user = users.disable(user.name());
            audit.record(actor.did("user.disable", "user:" + user.name(), Map.of()));
        } else if (Boolean.FALSE.equals(disabled) && !user.enabled()) {
            user = users.enable(user.name());
            audit.record(actor.did("user.update", "user:" + user.name(), Map.of("disabled", "false")));
        }
        return user;
    }

    @Transactional
    public User linkSlackUser(Actor actor, String slackUserId, String name) {
        User user = users.linkSlackUser(slackUserId, name);
        audit.record(actor.did(
                "user.slack-link", "user:" + user.name(), Map.of("slack_user", SlackUserIds.of(slackUserId))));
        return user;
    }

    /** @return whether there was a link to remove; only a removal is audited */
    @Transactional
    public boolean unlinkSlackUser(Actor actor, String slackUserId) {
        boolean removed = users.unlinkSlackUser(slackUserId);
        if (removed) {
            audit.record(actor.did("user.slack-unlink", "slack:" + SlackUserIds.of(slackUserId), Map.of()));
        }
        return removed;
    }

    @Transactional
    public User setPassword(Actor actor, String name, String password) {
        User user = users.setPassword(name, password);
        audit.record(actor.did("password.change", "user:" + user.name(), Map.of()));
        return user;
    }
}
