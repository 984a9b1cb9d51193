package dev.vigil.access.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Endpoints whose callers prove who they are by signing the request body (Slack's interactivity requests),
 * not with an API key or a session. Their handlers verify the signature first; API-key authentication and
 * CSRF protection, which would refuse or misjudge such requests, leave them alone.
 */
final class SignedRequests {

    /** {@code dev.vigil.notify.interaction.SlackInteractionsController}: the access module cannot name it. */
    static final String SLACK_INTERACTIONS = "/slack/interactions";

    private SignedRequests() {}

    static boolean matches(HttpServletRequest request) {
        return Unlimited.path(request).equals(SLACK_INTERACTIONS);
    }
}
