package dev.vigil.notify.interaction;

/**
 * One click on a button of a Vigil message, as Slack reports it in a {@code block_actions} payload: who
 * clicked (Slack user id), which button ({@code action_id}), its value (an alert id) and where to answer.
 */
record ButtonClick(String slackUserId, String actionId, String value, String responseUrl) {}
