package dev.vigil.respond.defender.rules;

import dev.vigil.respond.defender.DefenderApi;
import dev.vigil.respond.defender.DefenderApiError;
import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderQuota;
import dev.vigil.respond.defender.MalformedDefenderResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's custom detection rules through Graph beta (external-apis §3.5): list, read, create, change,
 * enable, disable and delete, and a backup of them all that can be restored. Rules are passed on as Graph
 * sends them; what Vigil sends is checked and stripped of server-set fields first ({@link RuleCheck}). The
 * API, the CLI and (for delete) an approval step call these methods; authorisation and audit are theirs.
 */
@Component("defenderDetectionRules")
public class DetectionRules {

    /** More rules than a tenant should ever hold: the bound on one listing. */
    public static final int MAX_RULES = 10_000;

    private static final Pattern ID = Pattern.compile("[0-9]{1,19}");
    private static final String PATH = "beta/security/rules/detectionRules";

    private final DefenderHttp http;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    DetectionRules(DefenderHttp http) {
        this.http = http;
        this.clock = Clock.systemUTC();
    }

    public List<JsonNode> list(String tenant, String requestId) {
        List<JsonNode> rules = http.collect(call(tenant, "GET", PATH, null, requestId), MAX_RULES);
        rules.forEach(rule -> entity(tenant, rule));
        return rules;
    }

    public ObjectNode get(String tenant, String id, String requestId) {
        return entity(tenant, http.send(call(tenant, "GET", PATH + "/" + checkedId(id), null, requestId)));
    }

    /** Creates the rule (checked and stripped first) and answers it as Graph created it. */
    public ObjectNode create(String tenant, JsonNode rule, String requestId) {
        ObjectNode body = RuleCheck.forCreate(rule);
        return entity(
                tenant, http.send(call(tenant, "POST", PATH, body, requestId).once()));
    }

    /** Changes the fields given (checked and stripped first) and answers the rule as Graph now holds it. */
    public ObjectNode update(String tenant, String id, JsonNode change, String requestId) {
        return patch(tenant, checkedId(id), RuleCheck.forUpdate(change), requestId);
    }

    public ObjectNode setEnabled(String tenant, String id, boolean enabled, String requestId) {
        return patch(tenant, checkedId(id), json.createObjectNode().put("isEnabled", enabled), requestId);
    }

    public void delete(String tenant, String id, String requestId) {
        http.send(call(tenant, "DELETE", PATH + "/" + checkedId(id), null, requestId));
    }

    /** Every rule of the tenant, all pages, as one document. */
    public RuleBackup backup(String tenant, String requestId) {
        return new RuleBackup(tenant, clock.instant(), list(tenant, requestId));
    }

    /**
     * Puts a backup's rules back: a rule whose display name the tenant has is updated when it differs, one it
     * lacks is created, and no rule is deleted. Each rule has its own outcome; a rule that fails Vigil's check
     * or that Graph refuses does not stop the others. With {@code dryRun} nothing is written.
     */
    public List<RestoreOutcome> restore(String tenant, List<JsonNode> rules, boolean dryRun, String requestId) {
        Map<String, JsonNode> current = new LinkedHashMap<>();
        for (JsonNode rule : list(tenant, requestId)) {
            current.putIfAbsent(rule.path("displayName").asString(""), rule);
        }
        Set<String> seen = new HashSet<>();
        List<RestoreOutcome> outcomes = new ArrayList<>(rules.size());
        for (JsonNode rule : rules) {
            String name = rule != null && rule.path("displayName").isString()
                    ? rule.path("displayName").asString()
                    : null;
            try {
                ObjectNode body = RuleCheck.forCreate(rule);
                if (!seen.add(name)) {
                    throw new InvalidRule("displayName", "appears more than once in the backup");
                }
                outcomes.add(restoreOne(tenant, name, body, current.get(name), dryRun, requestId));
            } catch (InvalidRule e) {
                outcomes.add(new RestoreOutcome(name, RestoreOutcome.Result.FAILED, null, e.getMessage()));
            } catch (DefenderApiError e) {
                outcomes.add(new RestoreOutcome(
                        name,
                        RestoreOutcome.Result.FAILED,
                        null,
                        "Graph answered " + e.status() + " " + e.code() + ": " + e.defenderMessage()));
            }
        }
        return outcomes;
    }

    private RestoreOutcome restoreOne(
            String tenant,
            String name,
            ObjectNode body,
            @Nullable JsonNode existing,
            boolean dryRun,
            String requestId) {
        if (existing == null) {
            String id =
                    dryRun ? null : create(tenant, body, requestId).path("id").asString();
            return new RestoreOutcome(name, RestoreOutcome.Result.CREATED, id, null);
        }
        String id = existing.path("id").asString();
        if (RuleCheck.comparable(existing).equals(RuleCheck.comparable(body))) {
            return new RestoreOutcome(name, RestoreOutcome.Result.UNCHANGED, id, null);
        }
        if (!dryRun) {
            patch(tenant, checkedId(id), body, requestId);
        }
        return new RestoreOutcome(name, RestoreOutcome.Result.UPDATED, id, null);
    }

    /** Graph documents 200 with the rule (UNCONFIRMED, could be 204): without a body, the rule is read back. */
    private ObjectNode patch(String tenant, String id, ObjectNode body, String requestId) {
        JsonNode answer = http.send(call(tenant, "PATCH", PATH + "/" + id, body, requestId));
        return answer == null ? get(tenant, id, requestId) : entity(tenant, answer);
    }

    /** A Graph detection rule id, or a 400 before it reaches a URL. */
    public static String checkedId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidRule("id", "a detection rule id is a number");
        }
        return id;
    }

    private ObjectNode entity(String tenant, @Nullable JsonNode node) {
        if (!(node instanceof ObjectNode rule) || !rule.path("id").isString()) {
            throw new MalformedDefenderResponse(
                    tenant,
                    "Graph answered a detection rule that is not an object with an id",
                    new IllegalStateException("id"));
        }
        rule.remove("@odata.context");
        return rule;
    }

    private static DefenderHttp.Call call(
            String tenant, String method, String path, @Nullable JsonNode body, String requestId) {
        return new DefenderHttp.Call(
                tenant, DefenderApi.GRAPH, DefenderQuota.GRAPH_SECURITY, method, path, body, requestId);
    }
}
