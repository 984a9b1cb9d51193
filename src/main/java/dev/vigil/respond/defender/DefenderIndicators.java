package dev.vigil.respond.defender;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's custom indicators in Defender (external-apis §2.6): submit one (an upsert), import many in
 * batches of {@value #IMPORT_BATCH}, list with an OData filter across pages, delete by id or by value.
 * Bodies arrive checked by {@link IndicatorRules}.
 */
public final class DefenderIndicators {

    /** Defender's most indicators in one {@code /api/indicators/import} call. */
    public static final int IMPORT_BATCH = 500;

    public static final int MAX_TOP = 10_000;

    /** Defender's indicator ids are numeric strings; anything else never reaches a URL path. */
    private static final Pattern ID = Pattern.compile("[0-9]{1,19}");

    private final DefenderHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    public DefenderIndicators(DefenderHttp http) {
        this.http = http;
    }

    /** Creates the indicator, or updates the one with the same type and value. */
    public Indicator submit(String tenant, ObjectNode body, String requestId) {
        JsonNode answer = http.send(new DefenderHttp.Call(
                tenant, DefenderApi.DEFENDER, DefenderQuota.GENERAL, "POST", "api/indicators", body, requestId));
        if (answer == null) {
            throw new MalformedDefenderResponse(
                    tenant, "Defender answered an indicator with no body", new IllegalStateException("empty"));
        }
        return http.read(tenant, answer, Indicator.class);
    }

    /**
     * Imports the indicators in calls of at most {@value #IMPORT_BATCH}, in order, and answers one outcome per
     * indicator. A call Defender refuses stops the import there; the outcomes before it stand in Defender.
     */
    public List<ImportOutcome> importAll(String tenant, List<ObjectNode> bodies, String requestId) {
        List<ImportOutcome> outcomes = new ArrayList<>(bodies.size());
        for (int from = 0; from < bodies.size(); from += IMPORT_BATCH) {
            List<ObjectNode> batch = bodies.subList(from, Math.min(bodies.size(), from + IMPORT_BATCH));
            ObjectNode request = json.createObjectNode();
            request.putArray("Indicators").addAll(batch);
            JsonNode answer = http.send(new DefenderHttp.Call(
                    tenant,
                    DefenderApi.DEFENDER,
                    DefenderQuota.INDICATOR_IMPORT,
                    "POST",
                    "api/indicators/import",
                    request,
                    requestId));
            if (answer == null
                    || !answer.path("value").isArray()
                    || answer.path("value").size() != batch.size()) {
                throw new MalformedDefenderResponse(
                        tenant,
                        "Defender's import answer does not hold one result per indicator",
                        new IllegalStateException("import"));
            }
            for (JsonNode item : answer.path("value")) {
                ImportItem result = http.read(tenant, item, ImportItem.class);
                outcomes.add(
                        new ImportOutcome(result.indicator(), result.id(), result.isFailed(), result.failureReason()));
            }
        }
        return outcomes;
    }

    /** Indicators matching the OData {@code $filter} (null: all), at most {@code top}, across pages. */
    public List<Indicator> list(String tenant, @Nullable String filter, int top, String requestId) {
        return http.list(tenant, "api/indicators", filter, top, Indicator.class, requestId);
    }

    /** The OData filter for a type and/or a value, each optional. */
    public static @Nullable String filterFor(@Nullable IndicatorType type, @Nullable String value) {
        List<String> clauses = new ArrayList<>();
        if (type != null) clauses.add("indicatorType eq '" + type.name() + "'");
        if (value != null) clauses.add("indicatorValue eq " + OData.literal(value));
        return clauses.isEmpty() ? null : String.join(" and ", clauses);
    }

    public void delete(String tenant, String id, String requestId) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidIndicator("id", "a Defender indicator id is a number");
        }
        http.send(call(tenant, "DELETE", "api/indicators/" + id, requestId));
    }

    /** Deletes every indicator with this value (one per type); answers their ids, none when nothing matched. */
    public List<String> deleteByValue(String tenant, String value, String requestId) {
        List<String> ids = list(tenant, filterFor(null, value), MAX_TOP, requestId).stream()
                .filter(indicator -> value.equals(indicator.indicatorValue()))
                .map(Indicator::id)
                .toList();
        for (String id : ids) {
            delete(tenant, id, requestId);
        }
        return ids;
    }

    private static DefenderHttp.Call call(String tenant, String method, String path, String requestId) {
        return new DefenderHttp.Call(
                tenant, DefenderApi.DEFENDER, DefenderQuota.GENERAL, method, path, null, requestId);
    }

    /** One entry of Defender's import answer. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record ImportItem(
            String indicator,
            @Nullable String id,
            @JsonProperty("isFailed") boolean isFailed,
            @Nullable String failureReason) {}
}
