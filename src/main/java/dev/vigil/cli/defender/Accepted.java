package dev.vigil.cli.defender;

import tools.jackson.databind.JsonNode;

/**
 * Prints what Vigil did with a change: the action Defender started (202) or the one already running for the
 * same request (200); where a change waits for a second person, the approval it waits for and how to approve
 * it; with {@code --preview}, what the change would affect; and a decided approval with what it ran.
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
        if (isPreview(body)) {
            preview(out, body);
        } else if (isApproval(body)) {
            approval(out, body);
        } else if (action.isObject()) {
            out.line(action(action)
                    + (body.path("existing").asBoolean(false)
                            ? " (already running: Defender's action for the same request)"
                            : ""));
        } else if (body.isObject()) {
            out.line(answer.status() == 202 ? "Accepted:" : "Done:");
            out.fields(body);
        } else {
            out.line(answer.status() == 202 ? "Accepted" : "Done");
        }
    }

    /** {@code ?preview=true}'s answer: {@code {operation, approvalRequired, preview}}. */
    static boolean isPreview(JsonNode body) {
        return body.isObject() && body.has("approvalRequired") && body.has("operation") && body.has("preview");
    }

    /** A held operation as Vigil answers it (202 from a gated endpoint, or an approval decided). */
    static boolean isApproval(JsonNode body) {
        return body.isObject()
                && body.path("id").isString()
                && body.path("operation").isString()
                && body.has("requestedBy")
                && body.has("expiresAt");
    }

    static void preview(Output out, JsonNode body) {
        out.line("Preview of " + body.path("operation").asString("?") + " (nothing changed; "
                + (body.path("approvalRequired").asBoolean(false)
                        ? "it would wait for a second person's approval"
                        : "it would run at once, no approval needed")
                + "):");
        if (body.path("preview").isObject()) {
            out.fields(body.path("preview"));
        }
    }

    static void approval(Output out, JsonNode approval) {
        String id = approval.path("id").asString("");
        String what = " (" + approval.path("operation").asString("?") + ", "
                + approval.path("target").asString("?") + ")";
        String status = approval.path("status").asString("?");
        if (status.equals("pending")) {
            out.line("Waits for approval " + id + what + ", until "
                    + approval.path("expiresAt").asString("?"));
            out.line("A second person can approve with: vigil defender approvals approve " + id + " --comment …");
            if (approval.path("preview").isObject()) {
                out.line("Preview:");
                out.fields(approval.path("preview"));
            }
            return;
        }
        out.line("Approval " + id + what + ": " + status
                + (approval.hasNonNull("decidedBy")
                        ? " by " + approval.path("decidedBy").asString()
                        : ""));
        if (approval.hasNonNull("error")) {
            out.line("error: " + approval.path("error").asString());
        }
        JsonNode result = approval.path("result");
        if (result.path("action").isObject()) {
            out.line(action(result.path("action")));
        } else if (result.isObject() && !result.isEmpty()) {
            out.fields(result);
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
