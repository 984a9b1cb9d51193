package dev.vigil.respond.defender;

import dev.vigil.access.Permission;
import dev.vigil.respond.defender.approval.GatedOperation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bulk import that blocks ({@code Block}, {@code BlockAndRemediate}, {@code AlertAndBlock}) as a {@link
 * GatedOperation}: one wrong hash list can stop a business application on every device. Its preview counts the
 * indicators by type and action and lists the blocking ones (the first {@value #LISTED}).
 */
final class IndicatorImportGate implements GatedOperation {

    static final String NAME = "indicators-bulk-block";
    private static final Set<String> BLOCKING = Set.of("Block", "BlockAndRemediate", "AlertAndBlock");
    private static final int LISTED = 50;

    private final DefenderIndicators indicators;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    IndicatorImportGate(DefenderIndicators indicators, Clock clock) {
        this.indicators = indicators;
        this.clock = clock;
    }

    /** Whether an import blocks anything, and so falls under this gate. */
    static boolean blocks(List<IndicatorInput> items) {
        return items.stream().anyMatch(i -> i != null && i.action() != null && BLOCKING.contains(i.action()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Permission permission() {
        return Permission.DEFENDER_RESPOND;
    }

    @Override
    public JsonNode preview(String tenant, JsonNode request, String requestId) {
        IndicatorImport batch = json.treeToValue(request, IndicatorImport.class);
        List<IndicatorInput> items = batch.indicators() == null ? List.of() : batch.indicators();
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> byAction = new TreeMap<>();
        ObjectNode preview = json.createObjectNode()
                .put("operation", NAME)
                .put("effect", "devices block the listed files, addresses and sites (and remediate, where asked)")
                .put("submitted", items.size());
        ArrayNode blocking = json.createArrayNode();
        for (IndicatorInput item : items) {
            byType.merge(String.valueOf(item.indicatorType()), 1, Integer::sum);
            byAction.merge(String.valueOf(item.action()), 1, Integer::sum);
            if (BLOCKING.contains(item.action()) && blocking.size() < LISTED) {
                blocking.addObject()
                        .put("indicatorType", item.indicatorType())
                        .put("indicatorValue", item.indicatorValue())
                        .put("action", item.action())
                        .put("expirationTime", item.expirationTime());
            }
        }
        preview.put("blocking", (int)
                items.stream().filter(i -> BLOCKING.contains(i.action())).count());
        preview.set("byType", json.valueToTree(byType));
        preview.set("byAction", json.valueToTree(byAction));
        preview.set("blockingListed", blocking);
        return preview;
    }

    @Override
    public Object execute(String tenant, JsonNode request, String requestedBy, String requestId) {
        IndicatorImport batch = json.treeToValue(request, IndicatorImport.class);
        List<ImportOutcome> outcomes =
                indicators.importAll(tenant, IndicatorsController.checked(batch, clock.instant()), requestId);
        return IndicatorsController.ImportAnswer.of(outcomes);
    }
}
