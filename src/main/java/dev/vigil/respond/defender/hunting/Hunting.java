package dev.vigil.respond.defender.hunting;

import dev.vigil.respond.defender.DefenderApi;
import dev.vigil.respond.defender.DefenderHttp;
import dev.vigil.respond.defender.DefenderQuota;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Graph's {@code POST v1.0/security/runHuntingQuery} (external-apis §3.4) on the shared {@link DefenderHttp},
 * counted against the tenant's hunting quota (45 a minute). Graph's 400 for bad KQL surfaces as a {@code
 * DefenderApiError}; 429 is waited out by {@link DefenderHttp}.
 */
public final class Hunting {

    /** Rows returned when the caller names no cap. */
    public static final int DEFAULT_MAX_ROWS = 1_000;
    /** Graph never returns more than this many rows (external-apis §2.8, §3.4). */
    public static final int MAX_ROWS = 100_000;
    /** Longest KQL accepted; Defender's own editor stops well short of it. */
    static final int MAX_QUERY_LENGTH = 30_000;

    static final String PATH = "v1.0/security/runHuntingQuery";

    private final DefenderHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    public Hunting(DefenderHttp http) {
        this.http = http;
    }

    /** Runs KQL over the timespan (Graph's default of 30 days when null), keeping at most {@code maxRows}. */
    public HuntingResult run(String tenant, String query, @Nullable String timespan, int maxRows, String requestId) {
        // Body keys are case-sensitive: "Query" and "Timespan", as documented.
        ObjectNode body = json.createObjectNode().put("Query", query);
        if (timespan != null) {
            body.put("Timespan", timespan);
        }
        DefenderHttp.Call call =
                new DefenderHttp.Call(tenant, DefenderApi.GRAPH, DefenderQuota.HUNTING, "POST", PATH, body, requestId);
        return HuntingResults.parse(tenant, http.send(call), maxRows);
    }

    /** The KQL stripped; @throws InvalidHunt when blank or too long. */
    static String checkQuery(@Nullable String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidHunt("query", "required");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidHunt("query", "at most " + MAX_QUERY_LENGTH + " characters");
        }
        return query.strip();
    }

    /** The row cap: the default when null; @throws InvalidHunt outside 1..100,000. */
    static int checkMaxRows(@Nullable Integer maxRows) {
        if (maxRows == null) {
            return DEFAULT_MAX_ROWS;
        }
        if (maxRows < 1 || maxRows > MAX_ROWS) {
            throw new InvalidHunt("maxRows", "between 1 and " + MAX_ROWS);
        }
        return maxRows;
    }
}
