package dev.vigil.cli.defender;

import tools.jackson.databind.JsonNode;

/**
 * Prints what Vigil did with a change: the action Defender started (202) or the one already running for the
 * same request (200), or, where a change needs a second person, the approval it waits for.
 */
final class Accepted {

    private Accepted() {}

    static void print(Output out, VigilApi.Answer answer) {
        JsonNode body = answer.body();
        if (out.json()) {
            out.json(body);
            return;
        }
        JsonNode action = body.path("action");
        JsonNode approval = body.path("approval");
        if (action.isObject()) {
            out.line(action(action)
                    + (body.path("existing").asBoolean(false)
                            ? " (already running: Defender's action for the same request)"
                            : ""));
        } else if (approval.isObject()) {
            out.line("Waiting for approval " + approval.path("id").asString("") + ": "
                    + approval.path("status").asString("pending") + " (HTTP " + answer.status() + ")");
        } else if (body.isObject()) {
            out.line(answer.status() == 202 ? "Accepted:" : "Done:");
            out.fields(body);
        } else {
            out.line(answer.status() == 202 ? "Accepted" : "Done");
        }
    }

    /** {@code Isolate 5f2c… on 1e5c…: Pending}. */
    static String action(JsonNode action) {
        String scope = action.path("scope").asString("");
        return action.path("type").asString("Action")
                + (scope.isEmpty() ? "" : " (" + scope + ")")
                + " " + action.path("id").asString("")
                + " on " + action.path("machineId").asString("?")
                + ": " + action.path("status").asString("?");
    }
}
