package dev.vigil.notify.interaction;

import dev.vigil.access.SlackUserIds;
import dev.vigil.access.User;
import dev.vigil.access.Users;
import java.util.Map;
import java.util.Optional;

/**
 * Who a Slack user is in Vigil: the user linked with {@code vigil users link}, else the one named for them in
 * {@code vigil.slack.users}. Looked up at each click, so a changed role or a disabled user counts at once.
 */
final class SlackClickers {

    private final Users users;
    private final Map<String, String> configured;

    SlackClickers(Users users, Map<String, String> configured) {
        this.users = users;
        this.configured = configured;
    }

    Optional<User> userFor(String slackUserId) {
        String id;
        try {
            id = SlackUserIds.of(slackUserId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<User> linked = users.findBySlackUser(id);
        if (linked.isPresent()) {
            return linked;
        }
        String name = configured.get(id);
        return name == null ? Optional.empty() : users.findByName(name);
    }
}
