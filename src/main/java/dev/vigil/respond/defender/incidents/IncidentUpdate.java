package dev.vigil.respond.defender.incidents;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change to an incident: only the fields given are sent to Graph ({@code assignedTo: ""} unassigns;
 * {@code customTags} replaces the tags). The {@code reason} is required and goes to the audit log, not Graph.
 */
public record IncidentUpdate(
        @Nullable String status,
        @Nullable String classification,
        @Nullable String determination,
        @Nullable String assignedTo,
        @Nullable List<String> customTags,
        @Nullable String reason) {

    static final int MAX_TEXT = 4_000;
    static final int MAX_TAGS = 50;
    static final int MAX_TAG = 128;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The reason, stripped; a blank one is refused. */
    public String checkedReason() {
        return IncidentUpdate.reason(reason);
    }

    static String reason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidIncidentRequest("reason", "a reason is required for every incident change");
        }
        if (reason.length() > MAX_TEXT) {
            throw new InvalidIncidentRequest("reason", "at most " + MAX_TEXT + " characters");
        }
        return reason.strip();
    }

    /** Graph's PATCH body: the given fields only, enums camelCase; a 400 for anything Graph would refuse. */
    public ObjectNode graphBody() {
        ObjectNode body = JSON.createObjectNode();
        if (status != null) body.put("status", IncidentValues.STATUS.canonical(status));
        if (classification != null) body.put("classification", IncidentValues.CLASSIFICATION.canonical(classification));
        if (determination != null) body.put("determination", IncidentValues.DETERMINATION.canonical(determination));
        if (assignedTo != null) {
            if (assignedTo.length() > 256) {
                throw new InvalidIncidentRequest("assignedTo", "at most 256 characters");
            }
            if (assignedTo.isBlank()) {
                body.putNull("assignedTo");
            } else {
                body.put("assignedTo", assignedTo.strip());
            }
        }
        if (customTags != null) {
            if (customTags.size() > MAX_TAGS) {
                throw new InvalidIncidentRequest("customTags", "at most " + MAX_TAGS + " tags");
            }
            ArrayNode tags = body.putArray("customTags");
            for (String tag : customTags) {
                if (tag == null || tag.isBlank() || tag.length() > MAX_TAG) {
                    throw new InvalidIncidentRequest("customTags", "each tag is 1 to " + MAX_TAG + " characters");
                }
                tags.add(tag.strip());
            }
        }
        if (body.isEmpty()) {
            throw new InvalidIncidentRequest(
                    "body", "nothing to change: give status, classification, determination, assignedTo or customTags");
        }
        return body;
    }
}
