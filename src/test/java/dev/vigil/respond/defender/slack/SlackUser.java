package dev.vigil.respond.defender.slack;

import dev.vigil.access.AccessAdministration;
import dev.vigil.access.Actor;
import dev.vigil.access.Role;
import java.util.Locale;

/** A Vigil user linked to a Slack user, as an administrator sets them up for clicks to act as that person. */
record SlackUser(String name, String slackId) {

    private static final Actor OPERATOR = new Actor("cli:test", null, null);

    /** User {@code prefix + run} of the role, linked to Slack user {@code U + PREFIX + RUN}. */
    static SlackUser linked(AccessAdministration administration, Role role, String prefix, String run) {
        SlackUser user = new SlackUser(prefix + run, ("U" + prefix + run).toUpperCase(Locale.ROOT));
        administration.createUser(OPERATOR, user.name(), role, null, null);
        administration.linkSlackUser(OPERATOR, user.slackId(), user.name());
        return user;
    }
}
