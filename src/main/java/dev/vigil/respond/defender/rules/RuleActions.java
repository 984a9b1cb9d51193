package dev.vigil.respond.defender.rules;

import dev.vigil.access.Permission;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import tools.jackson.databind.JsonNode;

/**
 * A rule with response actions (isolate, quarantine, disable a user, ...) acts by itself every time its query
 * matches, with no one's approval: writing one, changing one (its query decides whom it hits) or switching one
 * on is an admin's decision, like deleting one. Rules that only raise alerts stay the engineers'.
 */
final class RuleActions {

    private RuleActions() {}

    /** Refuses unless the caller is an admin or none of the rules carries response actions. */
    static void checkMayWrite(Authentication who, List<@Nullable JsonNode> rules) {
        if (isAdmin(who)) {
            return;
        }
        for (JsonNode rule : rules) {
            if (acts(rule)) {
                throw new NeedsAdmin(
                        rule.path("displayName").asString(rule.path("id").asString("a rule")));
            }
        }
    }

    static boolean acts(@Nullable JsonNode rule) {
        JsonNode actions = rule == null ? null : rule.path("detectionAction").path("responseActions");
        return actions != null && actions.isArray() && !actions.isEmpty();
    }

    private static boolean isAdmin(Authentication who) {
        String admin = Permission.DEFENDER_ADMIN.authority();
        return who.getAuthorities().stream().anyMatch(a -> admin.equals(a.getAuthority()));
    }

    /** An engineer writing a rule that acts by itself. */
    static final class NeedsAdmin extends RuntimeException {
        NeedsAdmin(String rule) {
            super("'" + rule + "' has response actions, which run without approval whenever it matches: writing,"
                    + " changing or enabling it needs " + Permission.DEFENDER_ADMIN.id());
        }
    }
}
